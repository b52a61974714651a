import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { alertIndex, getAlert } from '../../src/store/alert-store.js';
import type { EsClient } from '../../src/store/es-client.js';
import { telemetryDataStreams } from '../../src/store/event-store.js';
import { investigationIndex } from '../../src/store/investigation-store.js';
import { listReports, reportIndex } from '../../src/store/report-store.js';
import { parseProcessTable, residentMemory } from './process-table.js';
import { backlogOf, parseQueueDepths } from './queue-depths.js';
import type { SoakSample } from './soak-sample.js';

const run = promisify(execFile);

/** How far back each look for new reports reaches: reports become searchable about a second after they are written. */
const REPORT_OVERLAP_MS = 60_000;
const REQUEST_TIMEOUT_MS = 5_000;

export interface SampleSources {
  es: EsClient;
  prefix: string;
  namespace: string;
  /** The API the soak started, whose `/metrics` carries the queue depths. */
  apiUrl: string;
  apiToken: string;
  /** The processes whose memory is sampled, while they run. */
  processes: () => ReadonlyArray<{ name: string; pid: number }>;
}

/** A figure that could not be read is null in the sample rather than the end of the soak. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

async function count(es: EsClient, index: string | string[], query?: Record<string, unknown>): Promise<number> {
  const response = await es.count({ index, ignore_unavailable: true, allow_no_indices: true, ...(query ? { query } : {}) });
  return response.count;
}

async function scrapeQueues(url: string, token: string): Promise<ReturnType<typeof parseQueueDepths>> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return parseQueueDepths(await response.text());
}

async function processTable(): Promise<ReturnType<typeof parseProcessTable>> {
  const { stdout } = await run('ps', ['-A', '-o', 'pid=,ppid=,rss='], { timeout: REQUEST_TIMEOUT_MS });
  return parseProcessTable(stdout);
}

/**
 * Takes the soak's samples: queue depths from the API, memory from the process table, and counts and report
 * latencies from Elasticsearch. Remembers which reports it has seen, so each latency is counted once.
 */
export function createSampler(sources: SampleSources): { sample(startedAt: number): Promise<SoakSample> } {
  const { es, prefix } = sources;
  const seenReports = new Set<string>();
  let lookFrom = Date.now();

  const newReportLatencies = async (): Promise<number[]> => {
    const since = new Date(lookFrom - REPORT_OVERLAP_MS).toISOString();
    lookFrom = Date.now();
    const latencies: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReports(es, prefix, { since }, 100, cursor);
      for (const report of page.reports) {
        if (seenReports.has(report.investigationId)) continue;
        const alert = await getAlert(es, prefix, report.alertId);
        if (!alert) continue;
        seenReports.add(report.investigationId);
        latencies.push(Date.parse(report.createdAt) - Date.parse(alert.createdAt));
      }
      cursor = page.nextCursor;
    } while (cursor);
    return latencies;
  };

  return {
    async sample(startedAt) {
      const now = Date.now();
      const [queues, rows, events, alerts, reports, failedInvestigations, latencies] = await Promise.all([
        orNull(() => scrapeQueues(sources.apiUrl, sources.apiToken)),
        orNull(processTable),
        orNull(() => count(es, telemetryDataStreams(sources.namespace))),
        orNull(() => count(es, alertIndex(prefix))),
        orNull(() => count(es, reportIndex(prefix))),
        orNull(() => count(es, investigationIndex(prefix), { term: { status: 'failed' } })),
        orNull(newReportLatencies),
      ]);
      return {
        at: new Date(now).toISOString(),
        minutes: (now - startedAt) / 60_000,
        queues: queues ?? null,
        backlog: queues ? backlogOf(queues) : null,
        rssMiB: rows ? residentMemory(sources.processes(), rows) : {},
        events,
        alerts,
        reports,
        failedInvestigations,
        reportLatenciesMs: latencies ?? [],
      };
    },
  };
}
