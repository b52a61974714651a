import { describe, expect, it } from 'vitest';
import { boundData, buildEvidence, extractEventIds } from '../../../src/analyst/build-evidence.js';
import { EVIDENCE_DATA_MAX_BYTES } from '../../../src/domain/evidence.js';
import { INJECTION_TEXT } from '../../../generators/scenarios/scenario.js';
import { enrichment, entityContext, person, rows, searchResult } from './support/evidence-builders.js';

const base = { id: 'ev-1', stepId: 'failures', tool: 'search_events' as const, arguments: { ip: '10.0.0.1', limit: 20 }, collectedAt: '2026-11-18T12:00:00.000Z' };

describe('buildEvidence', () => {
  it('keeps the event ids of sample rows and id lists', () => {
    const output = { search: searchResult({ total: 3, events: rows('evt', 3, { action: 'ssh_login', summary: 'x' }) }), alert: { sampleEventIds: ['al1', 'al2'] } };
    expect(buildEvidence({ ...base, output }).eventIds.sort()).toEqual(['al1', 'al2', 'evt0000', 'evt0001', 'evt0002']);
  });

  it('ignores ids that are not plain identifiers', () => {
    expect(extractEventIds({ events: [{ id: 'ok_1' }, { id: 'bad id <script>' }, { id: 42 }], eventIds: ['fine-2', { nested: true }] }).sort()).toEqual(['fine-2', 'ok_1']);
  });

  it('summarises from counts and inventory, never from log text', () => {
    const output = searchResult({ total: 140, events: rows('evt', 2, { action: 'ssh_login', user: INJECTION_TEXT, summary: INJECTION_TEXT }) });
    const evidence = buildEvidence({ ...base, output });
    expect(evidence.summary).toBe('140 matching events; 2 sample ids');
    const intel = buildEvidence({ ...base, id: 'ev-2', tool: 'enrich_ip', output: enrichment({ ip: '203.0.113.10', internal: false, knownService: { name: 'Vaultline Backup', cidr: '203.0.113.0/24', purpose: 'backup', approvedForBulkTransfer: true } }) });
    expect(intel.summary).toBe('external address; listed by 0 intel source(s), 0 malicious; known service Vaultline Backup');
    const admin = buildEvidence({ ...base, id: 'ev-3', tool: 'get_entity_context', output: entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true })) });
    expect(admin.summary).toBe('in the inventory (person, administrator)');
    const stranger = buildEvidence({ ...base, id: 'ev-4', tool: 'get_entity_context', output: entityContext('user', INJECTION_TEXT.slice(0, 200)) });
    expect(stranger.summary).toBe('not in the organisation inventory');
  });

  it('bounds what it keeps and says so', () => {
    const output = { total: 5000, events: Array.from({ length: 500 }, (_, i) => ({ id: `e${i}`, summary: 'x'.repeat(2_000) })) };
    const evidence = buildEvidence({ ...base, output });
    expect(Buffer.byteLength(JSON.stringify(evidence.data))).toBeLessThanOrEqual(EVIDENCE_DATA_MAX_BYTES);
    expect(evidence.truncated).toBe(true);
    expect(evidence.eventIds.length).toBe(200);
  });

  it('passes on the tool\'s own truncation flag', () => {
    expect(buildEvidence({ ...base, output: { total: 1, truncated: true } }).truncated).toBe(true);
  });

  it('drops values JSON cannot carry and keys that reach the prototype', () => {
    const parsed: unknown = JSON.parse('{"ok": 1, "__proto__": {"polluted": true}, "nan": null}');
    const { data } = boundData({ parsed, fn: () => 1, big: Number.POSITIVE_INFINITY });
    expect(data).toEqual({ parsed: { ok: 1, nan: null }, big: null });
  });
});
