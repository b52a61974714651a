import { describe, expect, it } from 'vitest';
import { fromFlatWindowsEvent } from '../../../../src/telemetry/real/flat-windows-event.js';
import { mapWindowsRecord } from '../../../../src/telemetry/real/windows-channel.js';
import { WindowsSecurityEventSchema } from '../../../../src/telemetry/windows-security-event.js';
import { expectMapped, makeMapContext } from '../../../support/map-context.js';

function mapSecurity(eventCode: number, data: Record<string, unknown>) {
  const record = fromFlatWindowsEvent({
    Channel: 'Security',
    EventID: eventCode,
    Hostname: 'DC-01.corp.invented',
    RecordNumber: 7000,
    '@timestamp': '2024-05-02T09:01:00.000Z',
    ...data,
  });
  if ('error' in record) throw new Error(record.error);
  return WindowsSecurityEventSchema.parse(expectMapped(mapWindowsRecord(record, makeMapContext())));
}

const networkLogon = {
  SubjectUserName: 'DC-01$',
  SubjectDomainName: 'CORP',
  TargetUserSid: 'S-1-5-21-1-2-3-1104',
  TargetUserName: 'alice',
  TargetDomainName: 'CORP',
  TargetLogonId: '0x1a2b3c',
  LogonType: '3',
  WorkstationName: 'WKS-02',
  IpAddress: '10.20.30.41',
  IpPort: '51515',
  ProcessId: '0x0',
  ProcessName: '-',
};

describe('mapping a Security record', () => {
  it('maps a logon (4624) to the target user, source address and logon type', () => {
    const event = mapSecurity(4624, networkLogon);
    expect(event.event).toMatchObject({ code: '4624', action: 'logged-in', category: ['authentication'], type: ['start'], outcome: 'success' });
    expect(event.user).toEqual({ name: 'alice', domain: 'CORP', id: 'S-1-5-21-1-2-3-1104' });
    expect(event.source).toEqual({ ip: '10.20.30.41', port: 51515, domain: 'WKS-02' });
    expect(event.winlog.logon).toEqual({ type: 'Network', id: '0x1a2b3c' });
    expect(event.winlog.event_data['LogonType']).toBe('3');
    expect(event.process).toBeUndefined();
  });

  it('marks a failed logon (4625) as a failure', () => {
    const event = mapSecurity(4625, { ...networkLogon, IpAddress: '203.0.113.7', Status: '0xc000006d' });
    expect(event.event).toMatchObject({ action: 'logon-failed', outcome: 'failure' });
    expect(event.source?.ip).toBe('203.0.113.7');
  });

  it('gives no source.ip when the address is "-"', () => {
    const event = mapSecurity(4624, { ...networkLogon, IpAddress: '-', IpPort: '-', WorkstationName: '-' });
    expect(event.source).toBeUndefined();
  });

  it('names the subject as user when the event has no target (4672)', () => {
    const event = mapSecurity(4672, { SubjectUserName: 'alice', SubjectDomainName: 'CORP', SubjectUserSid: 'S-1-5-21-1-2-3-1104' });
    expect(event.event).toMatchObject({ action: 'assigned-special-privileges', category: ['iam'], type: ['admin'] });
    expect(event.user).toEqual({ name: 'alice', domain: 'CORP', id: 'S-1-5-21-1-2-3-1104' });
  });

  it('reads the group of a membership change (4732) from the target fields', () => {
    const event = mapSecurity(4732, {
      TargetUserName: 'Administrators',
      TargetDomainName: 'Builtin',
      TargetSid: 'S-1-5-32-544',
      SubjectUserName: 'alice',
      SubjectDomainName: 'CORP',
      MemberSid: 'S-1-5-21-1-2-3-1199',
    });
    expect(event.event.action).toBe('added-member-to-group');
    expect(event.group).toEqual({ name: 'Administrators', domain: 'Builtin', id: 'S-1-5-32-544' });
    expect(event.user).toEqual({ name: 'alice', domain: 'CORP' });
  });

  it('maps a process creation (4688) with its hexadecimal pids', () => {
    const event = mapSecurity(4688, {
      SubjectUserName: 'alice',
      NewProcessId: '0x1f40',
      NewProcessName: 'C:\\Windows\\System32\\whoami.exe',
      CommandLine: 'whoami /priv',
      ProcessId: '0x10c4',
      ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
    });
    expect(event.event.action).toBe('process-created');
    expect(event.process).toEqual({
      pid: 8000,
      executable: 'C:\\Windows\\System32\\whoami.exe',
      name: 'whoami.exe',
      command_line: 'whoami /priv',
      parent: { pid: 4292, executable: 'C:\\Windows\\System32\\cmd.exe', name: 'cmd.exe' },
    });
  });

  it('maps a service installation (4697) and reads a Kerberos status as the outcome', () => {
    expect(mapSecurity(4697, { ServiceName: 'invented-svc' })).toMatchObject({ event: { action: 'service-installed' }, service: { name: 'invented-svc' } });
    expect(mapSecurity(4769, { TargetUserName: 'alice', Status: '0x1b' }).event.outcome).toBe('failure');
    expect(mapSecurity(4769, { TargetUserName: 'alice', Status: '0x0' }).event.outcome).toBe('success');
  });

  it('gives an event id it has no name for a stable action naming the id', () => {
    expect(mapSecurity(5058, {}).event.action).toBe('security-event-5058');
  });
});
