import { parseArgs } from 'node:util';
import { buildTimeline } from '../generators/timeline.js';
import { runMain } from '../src/config/run-main.js';
import { createEsClient, type EsClient } from '../src/store/es-client.js';
import { ingestEvents, installTelemetryTemplates } from '../src/store/telemetry-store.js';
import { dataStreamName } from '../src/telemetry/ecs-common.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import { writeBenchResult } from './results-file.js';

/**
 * Ingest throughput, three ways in one run on the same documents:
 *   generator  — events/s of the generator alone, nothing indexed;
 *   ours       — our ingest path (bulk helper, create with ids, failure accounting);
 *   raw _bulk  — the same documents pre-serialised and POSTed to `_bulk`, the baseline.
 * Then the end-to-end case of the target: a 24 h organisation of 500 people generated and indexed in one stream.
 */
const { values } = parseArgs({ options: { people: { type: 'string' }, hours: { type: 'string' }, sample: { type: 'string' }, 'skip-full': { type: 'boolean' } } });
const people = Number(values.people ?? 500);
const hours = Number(values.hours ?? 24);
const sampleSize = Number(values.sample ?? 150_000);
const start = new Date('2026-11-18T00:00:00Z');

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function dropNamespace(es: EsClient, prefix: string, namespace: string): Promise<void> {
  await es.indices.deleteDataStream({ name: `*-${namespace}` }, { ignore: [404] });
  await es.indices.deleteIndexTemplate({ name: `${prefix}-*` }, { ignore: [404] });
}

function withNamespace(events: readonly TelemetryEvent[], namespace: string): TelemetryEvent[] {
  return events.map((event) => ({ ...event, data_stream: { ...event.data_stream, namespace } }) as TelemetryEvent);
}

async function rawBulk(url: string, events: readonly TelemetryEvent[], namespace: string): Promise<number> {
  // Serialised before the clock starts: the baseline pays only for HTTP and indexing.
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += 5_000) {
    bodies.push(
      events
        .slice(i, i + 5_000)
        .map((event) => `${JSON.stringify({ create: { _index: dataStreamName(event.data_stream.dataset, namespace), _id: event.event.id } })}\n${JSON.stringify(event)}\n`)
        .join(''),
    );
  }
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++] ?? '';
      const response = await fetch(`${url}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      const result = (await response.json()) as { errors: boolean };
      if (result.errors) throw new Error('raw _bulk baseline reported item errors');
    }
  };
  await Promise.all([worker(), worker()]);
  await fetch(`${url}/logs-*-${namespace}/_refresh`, { method: 'POST' });
  return performance.now() - started;
}

runMain(async (config) => {
  const es = createEsClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
  const prefix = 'bench-ingest';
  try {
    say(`generator alone: ${people} people, ${hours} h`);
    let generated = 0;
    const genStarted = performance.now();
    const events = buildTimeline({ seed: 'bench', people, start, hours, namespace: 'bench' }).events();
    while (!events.next().done) generated += 1;
    const generatorMs = performance.now() - genStarted;
    say(`  ${generated} events in ${(generatorMs / 1000).toFixed(1)} s`);

    const sample: TelemetryEvent[] = [];
    for (const event of buildTimeline({ seed: 'bench', people, start, hours, namespace: 'bench' }).events()) {
      sample.push(event);
      if (sample.length >= sampleSize) break;
    }
    say(`sample of ${sample.length} events: our path vs raw _bulk`);
    for (const namespace of ['benchours', 'benchraw']) {
      await dropNamespace(es, `${prefix}-${namespace}`, namespace);
      await installTelemetryTemplates(es, `${prefix}-${namespace}`, namespace);
    }
    const ours = await ingestEvents(es, withNamespace(sample, 'benchours'), { namespace: 'benchours' });
    if (ours.indexed !== sample.length) throw new Error(`our path indexed ${ours.indexed} of ${sample.length}`);
    const rawMs = await rawBulk(config.elasticsearch.url, withNamespace(sample, 'benchraw'), 'benchraw');
    const oursRate = sample.length / (ours.durationMs / 1000);
    const rawRate = sample.length / (rawMs / 1000);
    say(`  ours ${Math.round(oursRate)}/s, raw _bulk ${Math.round(rawRate)}/s, ratio ${(oursRate / rawRate).toFixed(2)}`);
    for (const namespace of ['benchours', 'benchraw']) await dropNamespace(es, `${prefix}-${namespace}`, namespace);

    let full: Record<string, number> | undefined;
    if (!values['skip-full']) {
      say(`end to end: generate and index ${people} people × ${hours} h`);
      await dropNamespace(es, `${prefix}-benchfull`, 'benchfull');
      await installTelemetryTemplates(es, `${prefix}-benchfull`, 'benchfull');
      const report = await ingestEvents(es, buildTimeline({ seed: 'bench', people, start, hours, namespace: 'benchfull' }).events(), { namespace: 'benchfull' });
      full = { events: report.indexed, failed: report.failed, seconds: Number((report.durationMs / 1000).toFixed(1)), eventsPerSecond: Math.round(report.indexed / (report.durationMs / 1000)) };
      say(`  ${report.indexed} events indexed in ${full.seconds} s (${full.eventsPerSecond}/s), ${report.failed} failed`);
      await dropNamespace(es, `${prefix}-benchfull`, 'benchfull');
    }

    const file = writeBenchResult('ingest', {
      parameters: { people, hours, sampleSize: sample.length },
      generator: { events: generated, seconds: Number((generatorMs / 1000).toFixed(1)), eventsPerSecond: Math.round(generated / (generatorMs / 1000)) },
      sample: { oursEventsPerSecond: Math.round(oursRate), rawBulkEventsPerSecond: Math.round(rawRate), ratioToRawBulk: Number((oursRate / rawRate).toFixed(3)), target: 0.9 },
      endToEnd: full ?? null,
    });
    say(`written ${file}`);
  } finally {
    await es.close();
  }
});
