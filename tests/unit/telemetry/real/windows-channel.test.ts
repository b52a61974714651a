import { describe, expect, it } from 'vitest';
import { eventId } from '../../../../src/telemetry/event-id.js';
import { mapWindowsRecord } from '../../../../src/telemetry/real/windows-channel.js';
import type { WindowsRecord } from '../../../../src/telemetry/real/windows-record.js';
import { expectMapped, makeMapContext } from '../../../support/map-context.js';

function makeRecord(overrides: Partial<WindowsRecord> = {}): WindowsRecord {
  return {
    channel: 'Security',
    eventCode: '4672',
    computer: 'WKS-01',
    recordId: '9003',
    timestamp: '2024-05-02T09:01:00.000Z',
    eventData: { SubjectUserName: 'alice' },
    ...overrides,
  };
}

describe('mapWindowsRecord', () => {
  it.each(['Windows PowerShell', 'Microsoft-Windows-PowerShell/Operational', 'System', 'Microsoft-Windows-WMI-Activity/Operational'])(
    'skips a record of the %s channel, naming the channel',
    (channel) => {
      expect(mapWindowsRecord(makeRecord({ channel }), makeMapContext())).toEqual({ kind: 'skipped', reason: `channel not mapped: ${channel}` });
    },
  );

  it('matches channel names without case and stores the canonical spelling', () => {
    const event = expectMapped(mapWindowsRecord(makeRecord({ channel: 'security' }), makeMapContext()));
    expect(event.data_stream.dataset).toBe('system.security');
    expect('winlog' in event && event.winlog.channel).toBe('Security');
  });

  it('identifies a record by computer, channel and record number', () => {
    const event = expectMapped(mapWindowsRecord(makeRecord(), makeMapContext()));
    expect(event.event.id).toBe(eventId('winlog', 'WKS-01', 'Security', '9003'));
  });

  it('identifies a record without record number by its file and line', () => {
    const record = makeRecord({ recordId: undefined });
    const first = expectMapped(mapWindowsRecord(record, makeMapContext({ fileName: 'a.json', line: 7 })));
    const other = expectMapped(mapWindowsRecord(record, makeMapContext({ fileName: 'a.json', line: 8 })));
    expect(first.event.id).toBe(eventId('winlog', 'WKS-01', 'Security', 'a.json', 7));
    expect(other.event.id).not.toBe(first.event.id);
  });

  it.each([
    ['no computer name', { computer: undefined }, 'no computer name (Hostname or Computer)'],
    ['no readable time', { timestamp: undefined }, 'no readable time (@timestamp, TimeCreated, EventTime or System.TimeCreated)'],
  ])('reports a record with %s as malformed', (_what, overrides, reason) => {
    expect(mapWindowsRecord(makeRecord(overrides), makeMapContext())).toEqual({ kind: 'malformed', reason });
  });

  it('reports a document that breaks its schema as malformed with the field path', () => {
    const outcome = mapWindowsRecord(makeRecord(), makeMapContext({ namespace: 'Not A Namespace' }));
    expect(outcome.kind).toBe('malformed');
    expect(outcome.kind === 'malformed' && outcome.reason).toMatch(/^schema: data_stream\.namespace: /);
  });
});
