import { telemetryIndexTemplates } from '../telemetry/index-templates.js';
import { dataStreamName } from '../telemetry/ecs-common.js';
import type { TelemetryEvent } from '../telemetry/telemetry-event.js';
import type { EsClient } from './es-client.js';

/** Installs (or updates) the composable templates of every telemetry data stream of a namespace. Idempotent. */
export async function installTelemetryTemplates(es: EsClient, prefix: string, namespace: string): Promise<void> {
  for (const template of telemetryIndexTemplates(prefix, namespace)) {
    await es.indices.putIndexTemplate(template.body);
  }
}

export interface IngestFailure {
  id: string;
  index: string;
  status: number;
  reason: string;
}

export interface IngestReport {
  /** Documents handed to the bulk helper. */
  submitted: number;
  /** Newly indexed documents. */
  indexed: number;
  /** Documents whose id was already indexed (an earlier run of the same input): present, not lost. */
  alreadyPresent: number;
  failed: number;
  /** At most 20 failures, enough to see what went wrong without flooding the terminal. */
  failures: IngestFailure[];
  durationMs: number;
}

export interface IngestOptions {
  namespace: string;
  /** Parallel bulk requests. @defaultValue 2 (one per core here) */
  concurrency?: number;
  /** Size at which a bulk request is sent. @defaultValue 5 MB */
  flushBytes?: number;
  /** Refresh the data streams at the end so the documents are searchable at once. @defaultValue true */
  refresh?: boolean;
}

/**
 * Streams documents into their data streams with `create` (data streams accept nothing else), using each event id
 * as `_id` so that ingesting the same input twice adds nothing. The bulk helper backs off and retries on 429;
 * whatever still fails is counted and reported, never dropped silently.
 */
export async function ingestEvents(
  es: EsClient,
  documents: Iterable<TelemetryEvent> | AsyncIterable<TelemetryEvent>,
  options: IngestOptions,
): Promise<IngestReport> {
  const started = Date.now();
  const failures: IngestFailure[] = [];
  let alreadyPresent = 0;
  let failed = 0;
  const indices = new Set<string>();
  const stats = await es.helpers.bulk<TelemetryEvent>({
    datasource: streamOf(documents),
    concurrency: options.concurrency ?? 2,
    flushBytes: options.flushBytes ?? 5_000_000,
    retries: 5,
    wait: 1_000,
    refreshOnCompletion: false,
    onDocument(doc) {
      const index = dataStreamName(doc.data_stream.dataset, options.namespace);
      indices.add(index);
      return { create: { _index: index, _id: doc.event.id } };
    },
    onDrop(drop) {
      const index = dataStreamName(drop.document.data_stream.dataset, options.namespace);
      if (drop.status === 409) {
        alreadyPresent += 1;
        return;
      }
      failed += 1;
      if (failures.length < 20) {
        const reason = drop.error && typeof drop.error === 'object' && 'reason' in drop.error ? String(drop.error.reason) : JSON.stringify(drop.error);
        failures.push({ id: drop.document.event.id, index, status: drop.status, reason });
      }
    },
  });
  if ((options.refresh ?? true) && indices.size > 0) {
    await es.indices.refresh({ index: [...indices], ignore_unavailable: true });
  }
  return {
    submitted: stats.total,
    indexed: stats.successful,
    alreadyPresent,
    failed,
    failures,
    durationMs: Date.now() - started,
  };
}

async function* streamOf<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}
