import { describe, expect, it } from 'vitest';
import type { LoadItem } from '../../../../src/telemetry/real/load-directory.js';
import { LoadTally, MALFORMED_SHOWN } from '../../../../src/telemetry/real/load-tally.js';
import { renderLoadReport } from '../../../../src/telemetry/real/render-load-report.js';
import type { IngestReport } from '../../../../src/store/telemetry-store.js';
import type { TelemetryEvent } from '../../../../src/telemetry/telemetry-event.js';

const event: TelemetryEvent = {
  '@timestamp': '2024-03-03T10:15:42.000Z',
  event: { id: 'abcdefgh12345678', kind: 'event', category: ['authentication'], type: ['info'], action: 'ssh_login', module: 'system', dataset: 'system.auth', original: 'x' },
  data_stream: { type: 'logs', dataset: 'system.auth', namespace: 'test' },
  message: 'x',
  host: { name: 'web-01' },
  process: { name: 'sshd' },
  system: { auth: {} },
};

const ingest: IngestReport = { submitted: 1, indexed: 1, alreadyPresent: 0, failed: 0, failures: [], durationMs: 5 };

async function* itemsOf(items: LoadItem[]): AsyncGenerator<LoadItem> {
  yield* items;
}

async function tallyOf(items: LoadItem[]): Promise<{ tally: LoadTally; events: TelemetryEvent[] }> {
  const tally = new LoadTally();
  const events: TelemetryEvent[] = [];
  for await (const passed of tally.events(itemsOf(items))) events.push(passed);
  return { tally, events };
}

describe('LoadTally', () => {
  it('passes events on and counts read = mapped + skipped + malformed per file', async () => {
    const { tally, events } = await tallyOf([
      { kind: 'file', file: 'auth.log', format: 'auth-log' },
      { kind: 'event', file: 'auth.log', event },
      { kind: 'skipped', file: 'auth.log', location: 'auth.log:2', reason: 'not an auth event' },
      { kind: 'skipped', file: 'auth.log', location: 'auth.log:3', reason: 'not an auth event' },
      { kind: 'malformed', file: 'auth.log', location: 'auth.log:4', reason: 'not a syslog line' },
      { kind: 'ignored', file: 'README.md', reason: 'not a log file name' },
    ]);
    expect(events).toEqual([event]);
    expect(tally.totals).toEqual({ files: 1, read: 4, mapped: 1, skipped: 2, malformed: 1, unreadable: 0 });
  });

  it('shows the first malformed records of a file and counts them all', async () => {
    const malformed = Array.from({ length: MALFORMED_SHOWN + 5 }, (_, index): LoadItem => ({
      kind: 'malformed',
      file: 'a.json',
      location: `a.json:${index + 1}`,
      reason: 'not JSON',
    }));
    const { tally } = await tallyOf([{ kind: 'file', file: 'a.json', format: 'json' }, ...malformed]);
    const report = renderLoadReport(tally, ingest);
    expect(report).toContain('a.json (json): read 25, mapped 0, skipped 0, malformed 25');
    expect(report).toContain(`malformed a.json:${MALFORMED_SHOWN}: not JSON`);
    expect(report).not.toContain(`malformed a.json:${MALFORMED_SHOWN + 1}:`);
    expect(report).toContain('… and 5 more malformed');
  });
});

describe('renderLoadReport', () => {
  it('prints per file counts, skip reasons, unreadable files, ignored files and the ingest totals', async () => {
    const { tally } = await tallyOf([
      { kind: 'file', file: 'otrf/a.json.gz', format: 'json' },
      { kind: 'event', file: 'otrf/a.json.gz', event },
      { kind: 'skipped', file: 'otrf/a.json.gz', location: 'otrf/a.json.gz:2', reason: 'channel not mapped: System' },
      { kind: 'unreadable', file: 'otrf/a.json.gz', reason: 'unexpected end of file' },
      { kind: 'ignored', file: 'otrf/LICENSE', reason: 'not a log file name' },
      { kind: 'ignored', file: 'x/info.yml', reason: 'not a log file name' },
    ]);
    const failed: IngestReport = {
      ...ingest,
      failed: 1,
      failures: [{ id: 'abcdefgh12345678', index: 'logs-system.auth-test', status: 400, reason: 'mapper_parsing_exception' }],
    };
    expect(renderLoadReport(tally, failed).split('\n')).toEqual([
      'otrf/a.json.gz (json): read 2, mapped 1, skipped 1, malformed 0',
      '  skipped 1: channel not mapped: System',
      '  UNREADABLE: unexpected end of file',
      'ignored 2 files that are no log: 1 .yml, 1 LICENSE',
      'total: 1 files, read 2, mapped 1, skipped 1, malformed 0, unreadable files 1',
      'ingest: submitted 1, indexed 1, alreadyPresent 0, failed 1 (5 ms)',
      '  failed logs-system.auth-test/abcdefgh12345678 (400): mapper_parsing_exception',
    ]);
  });
});
