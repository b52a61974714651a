import { describe, expect, it } from 'vitest';
import { eventId } from '../../../../src/telemetry/event-id.js';
import { fromFlatWindowsEvent } from '../../../../src/telemetry/real/flat-windows-event.js';
import { mapWindowsRecord } from '../../../../src/telemetry/real/windows-channel.js';
import { SysmonEventSchema } from '../../../../src/telemetry/sysmon-event.js';
import { expectMapped, makeMapContext } from '../../../support/map-context.js';

function mapSysmon(eventCode: number, data: Record<string, unknown>) {
  const flat = {
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    EventID: eventCode,
    Hostname: 'WKS-01.corp.invented',
    RecordNumber: 5000 + eventCode,
    '@timestamp': '2024-05-02T09:00:00.000Z',
    SourceName: 'Microsoft-Windows-Sysmon',
    ...data,
  };
  const record = fromFlatWindowsEvent(flat);
  if ('error' in record) throw new Error(record.error);
  return SysmonEventSchema.parse(expectMapped(mapWindowsRecord(record, makeMapContext({ original: JSON.stringify(flat) }))));
}

describe('mapping a Sysmon record', () => {
  const processCreate = {
    ProcessGuid: '{11111111-aaaa-6633-0101-000000000500}',
    ProcessId: '4242',
    Image: 'C:\\Windows\\System32\\rundll32.exe',
    CommandLine: 'rundll32.exe comsvcs.dll, MiniDump 612 out.dmp full',
    CurrentDirectory: 'C:\\Temp\\',
    OriginalFileName: 'RUNDLL32.EXE',
    User: 'CORP\\alice',
    Hashes: 'SHA1=01,MD5=AB12,SHA256=CD34,IMPHASH=EF56',
    ParentProcessGuid: '{11111111-aaaa-6633-0100-000000000500}',
    ParentProcessId: '4100',
    ParentImage: 'C:\\Windows\\System32\\cmd.exe',
    ParentCommandLine: 'cmd.exe /c dump.bat',
  };

  it('copies a process creation (1) to ECS process fields and keeps every data field in event_data', () => {
    const event = mapSysmon(1, processCreate);
    expect(event.event).toMatchObject({ code: '1', action: 'process-created', category: ['process'], type: ['start'], module: 'windows' });
    expect(event.event.id).toBe(eventId('winlog', 'WKS-01.corp.invented', 'Microsoft-Windows-Sysmon/Operational', '5001'));
    expect(event.process).toEqual({
      pid: 4242,
      entity_id: '{11111111-aaaa-6633-0101-000000000500}',
      executable: 'C:\\Windows\\System32\\rundll32.exe',
      name: 'rundll32.exe',
      command_line: 'rundll32.exe comsvcs.dll, MiniDump 612 out.dmp full',
      working_directory: 'C:\\Temp\\',
      pe: { original_file_name: 'RUNDLL32.EXE' },
      hash: { sha256: 'cd34', md5: 'ab12' },
      parent: {
        pid: 4100,
        entity_id: '{11111111-aaaa-6633-0100-000000000500}',
        executable: 'C:\\Windows\\System32\\cmd.exe',
        name: 'cmd.exe',
        command_line: 'cmd.exe /c dump.bat',
      },
    });
    expect(event.user).toEqual({ name: 'alice', domain: 'CORP' });
    expect(event.host).toEqual({ name: 'WKS-01.corp.invented', os: { type: 'windows' } });
    expect(event.winlog).toMatchObject({ channel: 'Microsoft-Windows-Sysmon/Operational', event_id: '1', record_id: '5001', event_data: processCreate });
  });

  it('maps a network connection (3) to source, destination and transport', () => {
    const event = mapSysmon(3, {
      Image: 'C:\\Windows\\System32\\rundll32.exe',
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIp: '10.20.30.40',
      SourcePort: '50123',
      SourceHostname: 'WKS-01.corp.invented',
      DestinationIp: '203.0.113.80',
      DestinationPort: '443',
      DestinationHostname: '-',
    });
    expect(event.source).toEqual({ ip: '10.20.30.40', port: 50123, domain: 'WKS-01.corp.invented' });
    expect(event.destination).toEqual({ ip: '203.0.113.80', port: 443 });
    expect(event.network).toEqual({ transport: 'tcp', direction: 'egress' });
    expect(event.related?.ip).toEqual(['10.20.30.40', '203.0.113.80']);
  });

  it('leaves an invalid address out of the ECS ip field but keeps it in event_data', () => {
    const event = mapSysmon(3, { SourceIp: '10.20.30.40', DestinationIp: '999.1.2.3', DestinationPort: '53', Protocol: 'udp' });
    expect(event.destination).toEqual({ port: 53 });
    expect(event.winlog.event_data['DestinationIp']).toBe('999.1.2.3');
  });

  it('names the acting process of a process access (10) from its Source fields', () => {
    const event = mapSysmon(10, {
      SourceProcessGUID: '{aaaa}',
      SourceProcessId: '880',
      SourceImage: 'C:\\Temp\\dumper.exe',
      TargetImage: 'C:\\Windows\\System32\\lsass.exe',
      GrantedAccess: '0x1010',
    });
    expect(event.process).toEqual({ pid: 880, entity_id: '{aaaa}', executable: 'C:\\Temp\\dumper.exe', name: 'dumper.exe' });
    expect(event.winlog.event_data).toMatchObject({ TargetImage: 'C:\\Windows\\System32\\lsass.exe', GrantedAccess: '0x1010' });
  });

  it('maps a file creation (11) to file.path, name and directory', () => {
    const event = mapSysmon(11, { Image: 'C:\\Windows\\System32\\rundll32.exe', TargetFilename: 'C:\\Temp\\out.dmp' });
    expect(event.file).toEqual({ path: 'C:\\Temp\\out.dmp', name: 'out.dmp', directory: 'C:\\Temp' });
    expect(event.event).toMatchObject({ action: 'file-created', category: ['file'], type: ['creation'] });
  });

  it('maps a registry value set (13) and a DNS query (22)', () => {
    expect(mapSysmon(13, { EventType: 'SetValue', TargetObject: 'HKLM\\SOFTWARE\\Run\\Updater' }).registry).toEqual({
      path: 'HKLM\\SOFTWARE\\Run\\Updater',
      value: 'Updater',
    });
    expect(mapSysmon(22, { QueryName: 'updates.invented.test' }).dns).toEqual({ question: { name: 'updates.invented.test' } });
  });
});
