import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { eventId } from '../../../../src/telemetry/event-id.js';
import { parseJsonValues } from '../../../../src/telemetry/real/json-values.js';
import { fromSigmaRegressionEvent, mapSigmaRegressionFile } from '../../../../src/telemetry/real/sigma-regression.js';
import { SysmonEventSchema } from '../../../../src/telemetry/sysmon-event.js';
import { WindowsSecurityEventSchema } from '../../../../src/telemetry/windows-security-event.js';

const fixtures = 'tests/fixtures/real-logs/regression';
const processSample = `${fixtures}/proc_creation_win_invented_sample/2b0c6f0e-0000-4000-8000-00000000a001.json`;
const logonSample = `${fixtures}/win_security_invented_logon_failure/7f3e1d2c-0000-4000-8000-00000000a002.json`;

async function readSample(path: string): Promise<unknown[]> {
  return parseJsonValues(await readFile(path, 'utf8'), path);
}

describe('mapSigmaRegressionFile', () => {
  it('maps every event of a file holding several Sysmon events one after another', async () => {
    const events = mapSigmaRegressionFile(await readSample(processSample), 'test', processSample).map((event) => SysmonEventSchema.parse(event));
    expect(events.map((event) => event.process?.pid)).toEqual([6120, 6130]);
    const [first] = events;
    expect(first?.['@timestamp']).toBe('2025-01-15T12:30:45.123Z');
    expect(first?.event).toMatchObject({ code: '1', action: 'process-created', provider: 'Microsoft-Windows-Sysmon' });
    expect(first?.event.id).toBe(eventId('winlog', 'lab-host-7', 'Microsoft-Windows-Sysmon/Operational', '880001'));
    expect(first?.host.name).toBe('lab-host-7');
    expect(first?.user).toEqual({ name: 'lab', domain: 'LAB-HOST-7' });
    expect(first?.winlog.event_data).toMatchObject({ ProcessId: '6120', TerminalSessionId: '1', ParentUser: 'LAB-HOST-7\\lab' });
    expect(first?.process?.parent?.executable).toBe('C:\\Windows\\explorer.exe');
  });

  it('reads an EventID with attributes, named Data elements and audit keywords, and leaves unmapped channels out', async () => {
    const events = mapSigmaRegressionFile(await readSample(logonSample), 'test', logonSample);
    expect(events).toHaveLength(1);
    const logon = WindowsSecurityEventSchema.parse(events[0]);
    expect(logon.event).toMatchObject({ code: '4625', action: 'logon-failed', outcome: 'failure' });
    expect(logon.winlog.event_data).toEqual({
      SubjectUserSid: 'S-1-0-0',
      TargetUserName: 'svc-backup',
      TargetDomainName: 'LAB',
      LogonType: '10',
      IpAddress: '203.0.113.44',
      IpPort: '49822',
    });
    expect(logon.source).toEqual({ ip: '203.0.113.44', port: 49822 });
    expect(logon.winlog.logon?.type).toBe('RemoteInteractive');
  });

  it('accepts a single event that is not wrapped in an array', async () => {
    const [single] = await readSample(processSample);
    expect(mapSigmaRegressionFile(single, 'test', 'one.json')).toHaveLength(1);
  });

  it('throws INPUT_INVALID naming the file and record when a record cannot be mapped', () => {
    const broken = [{ Event: { System: { Channel: 'Security' } } }];
    expect(() => mapSigmaRegressionFile(broken, 'test', 'broken.json')).toThrow(SocAgentError);
    expect(() => mapSigmaRegressionFile(broken, 'test', 'broken.json')).toThrow(/^broken\.json: record 1: not an Event\.System record: Event\.System\.EventID/);
  });
});

describe('fromSigmaRegressionEvent', () => {
  it('takes the fields of a UserData event from its one inner element', () => {
    const record = fromSigmaRegressionEvent({
      Event: {
        System: { EventID: 5858, Channel: 'Microsoft-Windows-WMI-Activity/Operational', Computer: 'lab-host-7' },
        UserData: { Operation_ClientFailure: { '#attributes': { xmlns: 'x' }, ClientProcessId: 25920, Operation: 'ExecMethod' } },
      },
    });
    expect('eventData' in record && record.eventData).toEqual({ ClientProcessId: '25920', Operation: 'ExecMethod' });
  });
});
