import { describe, expect, it } from 'vitest';
import { fromFlatWindowsEvent } from '../../../../src/telemetry/real/flat-windows-event.js';

const nxlogEnvelope = {
  '@timestamp': '2024-05-02T09:00:05.000Z',
  '@version': '1',
  host: 'collector.invented.test',
  port: 60000,
  tags: ['invented'],
  Keywords: -9223372036854776000,
  Severity: 'INFO',
  SeverityValue: 2,
  ProviderGuid: '{00000000-0000-0000-0000-000000000000}',
  ExecutionProcessID: 2000,
  ThreadID: 3000,
  EventTime: '2024-05-02 05:00:05',
  EventReceivedTime: '2024-05-02 05:00:06',
  Opcode: 'Info',
  OpcodeValue: 0,
  Task: 13,
  Version: 2,
  Category: 'Registry value set (rule: RegistryEvent)',
  SourceName: 'Microsoft-Windows-Sysmon',
  SourceModuleName: 'eventlog',
  SourceModuleType: 'im_msvistalog',
  AccountName: 'SYSTEM',
  AccountType: 'User',
  UserID: 'S-1-5-18',
  Domain: 'NT AUTHORITY',
  Message: 'Registry value set: (invented)',
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  EventID: 13,
  Hostname: 'WKS-01.corp.invented',
  RecordNumber: 5005,
};

describe('fromFlatWindowsEvent', () => {
  it('separates the collector envelope from the event data, which keeps its own names as text', () => {
    const record = fromFlatWindowsEvent({
      ...nxlogEnvelope,
      EventType: 'INFO',
      TargetObject: 'HKLM\\SOFTWARE\\Invented',
      ProcessId: 4242,
      Details: null,
    });
    expect(record).toEqual({
      channel: 'Microsoft-Windows-Sysmon/Operational',
      eventCode: '13',
      provider: 'Microsoft-Windows-Sysmon',
      computer: 'WKS-01.corp.invented',
      recordId: '5005',
      timestamp: '2024-05-02T09:00:05.000Z',
      auditOutcome: undefined,
      message: 'Registry value set: (invented)',
      eventData: { TargetObject: 'HKLM\\SOFTWARE\\Invented', ProcessId: '4242' },
    });
  });

  it("keeps Sysmon's own EventType field while dropping NXLog's", () => {
    const record = fromFlatWindowsEvent({ ...nxlogEnvelope, EventType: 'SetValue', EventTypeOrignal: 'INFO' });
    expect('eventData' in record && record.eventData['EventType']).toBe('SetValue');
  });

  it('reads the audit outcome NXLog records for Security events', () => {
    const record = fromFlatWindowsEvent({ ...nxlogEnvelope, Channel: 'Security', EventID: 4625, EventType: 'AUDIT_FAILURE' });
    expect('auditOutcome' in record && record.auditOutcome).toBe('failure');
  });

  it('falls back to TimeCreated, read as UTC, when there is no @timestamp', () => {
    const record = fromFlatWindowsEvent({ Channel: 'Security', EventID: '4689', Hostname: 'WKS-01', TimeCreated: '2020-10-18 07:50:06.220' });
    expect('timestamp' in record && record.timestamp).toBe('2020-10-18T07:50:06.220Z');
  });

  it('says why a record without a usable EventID is not a Windows event', () => {
    const record = fromFlatWindowsEvent({ Channel: 'Security', EventID: 'four' });
    expect('error' in record && record.error).toMatch(/^not a Windows event: EventID/);
  });
});
