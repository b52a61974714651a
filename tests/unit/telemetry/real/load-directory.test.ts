import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { detectLogFormat, loadDirectory, type LoadItem } from '../../../../src/telemetry/real/load-directory.js';

const fixtures = 'tests/fixtures/real-logs';

async function load(root: string): Promise<LoadItem[]> {
  const items: LoadItem[] = [];
  for await (const item of loadDirectory(root, { namespace: 'test', year: 2024 })) items.push(item);
  return items;
}

function countsByFile(items: readonly LoadItem[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const item of items) {
    if (item.kind === 'file') continue;
    const forFile = (counts[item.file] ??= {});
    forFile[item.kind] = (forFile[item.kind] ?? 0) + 1;
  }
  return counts;
}

describe('loadDirectory on the fixture folder', () => {
  let items: LoadItem[];
  beforeAll(async () => {
    items = await load(fixtures);
  });

  it('reads every log file, counting each record once as event, skipped or malformed', () => {
    expect(countsByFile(items)).toEqual({
      'README.md': { ignored: 1 },
      'cloudtrail/iam-activity.json': { event: 3, malformed: 1 },
      'cloudtrail/s3-delivery.json': { event: 1 },
      'linux/auth.log': { event: 6, skipped: 3, malformed: 2 },
      'regression/proc_creation_win_invented_sample/2b0c6f0e-0000-4000-8000-00000000a001.json': { event: 2 },
      'regression/proc_creation_win_invented_sample/info.yml': { ignored: 1 },
      'regression/win_security_invented_logon_failure/7f3e1d2c-0000-4000-8000-00000000a002.json': { event: 1, skipped: 1 },
      'regression/win_security_invented_logon_failure/info.yml': { ignored: 1 },
      'windows/wks-01-events.json': { event: 10, skipped: 2, malformed: 2 },
    });
  });

  it('reports malformed records with the line they start on and why', () => {
    const malformed = items.filter((item) => item.kind === 'malformed').map((item) => [item.location, item.reason]);
    expect(malformed).toEqual([
      ['cloudtrail/iam-activity.json:83', expect.stringMatching(/^not a CloudTrail record: eventID: /)],
      ['linux/auth.log:11', expect.stringMatching(/^not a syslog line/)],
      ['linux/auth.log:12', 'no such date: Feb 30 2024'],
      ['windows/wks-01-events.json:8', expect.stringMatching(/^not JSON: /)],
      ['windows/wks-01-events.json:13', 'no computer name (Hostname or Computer)'],
    ]);
  });

  it('explains skipped records by channel or by kind of line', () => {
    const skipped = items.filter((item) => item.kind === 'skipped').map((item) => `${item.location} ${item.reason}`);
    expect(skipped).toEqual([
      'linux/auth.log:5 sshd: message is no login or command',
      'linux/auth.log:7 sudo: message is no login or command',
      'linux/auth.log:10 not an auth event',
      'regression/win_security_invented_logon_failure/7f3e1d2c-0000-4000-8000-00000000a002.json:94 channel not mapped: Microsoft-Windows-TaskScheduler/Operational',
      'windows/wks-01-events.json:11 channel not mapped: Windows PowerShell',
      'windows/wks-01-events.json:12 channel not mapped: System',
    ]);
  });

  it('keeps the line as event.original for JSON lines and each record of a Records list apart', () => {
    const events = items.flatMap((item) => (item.kind === 'event' ? [item] : []));
    const fromLines = events.filter((item) => item.file === 'windows/wks-01-events.json');
    expect(fromLines[0]?.event.event.original?.startsWith('{"@timestamp":"2024-05-02T09:00:00.100Z"')).toBe(true);
    const fromRecords = events.find((item) => item.file === 'cloudtrail/s3-delivery.json');
    expect(fromRecords?.event.event.original).toMatch(/^\{"eventVersion":"1\.09".*"eventName":"AttachUserPolicy"/);
  });

  it('gives every event its own id', () => {
    const ids = items.flatMap((item) => (item.kind === 'event' ? [item.event.event.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('loadDirectory on gzip and broken files', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ingest-real-'));
    await mkdir(join(folder, 'otrf'));
    const flat = await readFile(join(fixtures, 'windows/wks-01-events.json'));
    await writeFile(join(folder, 'otrf/wks-01-events.json.gz'), gzipSync(flat));
    await writeFile(join(folder, 'otrf/truncated.json.gz'), gzipSync(flat).subarray(0, 200));
    await copyFile(join(fixtures, 'linux/auth.log'), join(folder, 'auth.log.1'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a .json.gz file exactly as the plain file', async () => {
    const plain = (await load(join(fixtures, 'windows/wks-01-events.json'))).map((item) => ({ ...item, file: '' }));
    const packed = (await load(join(folder, 'otrf/wks-01-events.json.gz'))).map((item) => ({ ...item, file: '' }));
    const withoutLocation = (list: LoadItem[]) => list.map((item) => ('location' in item ? { ...item, location: item.location.replace(/^[^:]*/, '') } : item));
    expect(withoutLocation(packed)).toEqual(withoutLocation(plain));
  });

  it('reports a truncated gzip file as unreadable instead of failing the load', async () => {
    const items = await load(folder);
    expect(items.filter((item) => item.kind === 'unreadable')).toEqual([
      { kind: 'unreadable', file: 'otrf/truncated.json.gz', reason: 'unexpected end of file' },
    ]);
    expect(items.filter((item) => item.kind === 'event' && item.file === 'auth.log.1')).toHaveLength(6);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(load(join(folder, 'missing'))).rejects.toThrow(SocAgentError);
  });
});

describe('detectLogFormat', () => {
  it.each([
    ['aws.persistence.iam-create-admin-user.json', 'json'],
    ['empire_psexec_dcerpc_tcp_svcctl_2020-09-20121608.json.gz', 'json'],
    ['events.ndjson', 'json'],
    ['auth.log', 'auth-log'],
    ['auth.log.2.gz', 'auth-log'],
    ['secure', 'auth-log'],
    ['info.yml', undefined],
    ['sample.evtx', undefined],
    ['LICENSE', undefined],
  ])('sees %s as %s', (name, format) => {
    expect(detectLogFormat(name)).toBe(format);
  });
});
