import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents, installTelemetryTemplates, type IngestReport } from '../../../src/store/telemetry-store.js';
import { dataStreamName, type Dataset } from '../../../src/telemetry/ecs-common.js';
import { loadDirectory } from '../../../src/telemetry/real/load-directory.js';
import { LoadTally } from '../../../src/telemetry/real/load-tally.js';
import { isolate } from '../../support/isolation.js';

const fixtures = 'tests/fixtures/real-logs';
const iso = isolate();
const namespace = iso.config.namespace;
afterAll(() => iso.cleanup());

async function ingestFixtures(): Promise<{ tally: LoadTally; report: IngestReport }> {
  const tally = new LoadTally();
  const report = await ingestEvents(iso.es, tally.events(loadDirectory(fixtures, { namespace, year: 2024 })), { namespace });
  return { tally, report };
}

async function countIn(index: string, query: object = { match_all: {} }): Promise<number> {
  return (await iso.es.count({ index, query })).count;
}

describe('ingesting the real-log fixtures', () => {
  let first: { tally: LoadTally; report: IngestReport };
  beforeAll(async () => {
    await installTelemetryTemplates(iso.es, iso.config.prefix, namespace);
    first = await ingestFixtures();
  });

  it('indexes every mapped record and accounts for every other one', () => {
    expect(first.tally.totals).toEqual({ files: 6, read: 34, mapped: 23, skipped: 6, malformed: 5, unreadable: 0 });
    expect(first.report).toMatchObject({ submitted: 23, indexed: 23, alreadyPresent: 0, failed: 0 });
  });

  it.each([
    ['aws.cloudtrail', 4],
    ['windows.sysmon_operational', 7],
    ['system.security', 6],
    ['system.auth', 6],
  ] satisfies [Dataset, number][])('stores the %s documents in their own data stream', async (dataset, expected) => {
    expect(await countIn(dataStreamName(dataset, namespace))).toBe(expected);
  });

  it('finds the documents of an address range with a CIDR query on source.ip, padded CloudTrail addresses included', async () => {
    const found = await iso.es.search<{ event: { dataset: string }; source: { ip: string } }>({
      index: `logs-*-${namespace}`,
      query: { term: { 'source.ip': '203.0.113.0/24' } },
      size: 50,
    });
    const hits = found.hits.hits.map((hit) => `${hit._source?.event.dataset} ${hit._source?.source.ip}`).sort();
    expect(hits).toEqual([
      'aws.cloudtrail 203.0.113.50',
      'aws.cloudtrail 203.0.113.9',
      'system.auth 203.0.113.5',
      'system.auth 203.0.113.5',
      'system.auth 203.0.113.6',
      'system.security 203.0.113.44',
      'system.security 203.0.113.7',
    ]);
  });

  it('adds nothing when the same folder is ingested again', async () => {
    const again = await ingestFixtures();
    expect(again.report).toMatchObject({ submitted: 23, indexed: 0, alreadyPresent: 23, failed: 0 });
    expect(await countIn(`logs-*-${namespace}`)).toBe(23);
  });

  it('reports per file from the command line and exits 0 when nothing failed to index', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/telemetry/ingest-real.ts', fixtures, '--year', '2024'], {
      env: { ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: namespace },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('windows/wks-01-events.json (json): read 14, mapped 10, skipped 2, malformed 2');
    expect(result.stdout).toContain('  malformed linux/auth.log:11: not a syslog line');
    expect(result.stdout).toContain('ingest: submitted 23, indexed 0, alreadyPresent 23, failed 0');
  });
});
