import { describe, expect, it } from 'vitest';
import { AlertSchema } from '../../../src/domain/alert.js';
import { alertIdFor, buildAlert, mergeMatch } from '../../../src/producer/alert-builder.js';
import { makeAlert } from '../../support/alert-builder.js';
import { makeMatch } from '../../support/match-builder.js';

const now = new Date('2026-11-18T10:06:00.000Z');
const rule = { ...makeAlert().rule, id: 'rule-1', author: 'soc-agent' };
const info = { kind: 'correlation' as const, correlationType: 'event_count', groupBy: ['source.ip'], dataStreams: ['logs-system.auth-default'] };

describe('buildAlert', () => {
  it('derives the same id from the same rule, entity and first event time', () => {
    const a = buildAlert(rule, makeMatch(), info, now);
    const b = buildAlert(rule, makeMatch({ lastSeen: '2026-11-18T10:09:00.000Z', eventCount: 40 }), info, new Date('2026-11-18T11:00:00.000Z'));
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(alertIdFor(rule.id, 'source.ip=203.0.113.9', '2026-11-18T10:00:00.000Z'));
    expect(buildAlert(rule, makeMatch({ group: { 'source.ip': '198.51.100.1' } }), info, now).id).not.toBe(a.id);
  });

  it('produces a valid alert carrying the rule credit and the match', () => {
    const alert = AlertSchema.parse(buildAlert(rule, makeMatch(), info, now));
    expect(alert).toMatchObject({ status: 'new', severity: 'high', entityKey: 'source.ip=203.0.113.9', matchedEventCount: 25, rule: { author: 'soc-agent' } });
  });
});

describe('mergeMatch', () => {
  it('does not double-count events seen again by an overlapping run', () => {
    const merged = mergeMatch(makeAlert({ matchedEventCount: 25, sampleEventIds: ['evt-aaaaaaaa1'] }), makeMatch({ eventCount: 20, lastSeen: '2026-11-18T10:04:00.000Z' }), now);
    expect(merged.matchedEventCount).toBe(25);
    expect(merged.lastSeen).toBe('2026-11-18T10:05:00.000Z');
  });

  it('adds the events of a later burst and moves last seen', () => {
    const merged = mergeMatch(makeAlert({ matchedEventCount: 25, sampleEventIds: ['evt-aaaaaaaa1'] }), makeMatch({ firstSeen: '2026-11-18T10:30:00.000Z', lastSeen: '2026-11-18T10:35:00.000Z', eventCount: 30, sampleEventIds: ['evt-bbbbbbbb1'] }), now);
    expect(merged.matchedEventCount).toBe(55);
    expect(merged.lastSeen).toBe('2026-11-18T10:35:00.000Z');
    expect(merged.firstSeen).toBe('2026-11-18T10:00:00.000Z');
    expect(merged.sampleEventIds).toEqual(['evt-aaaaaaaa1', 'evt-bbbbbbbb1']);
  });
});
