import type { Config } from '../src/config/env.js';
import type { Organisation } from '../src/domain/organisation.js';
import { Backoff } from '../src/domain/backoff.js';
import { isElasticsearchUnavailable, type EsClient } from '../src/store/es-client.js';
import { saveOrganisation, saveScenarioTruths } from '../src/store/organisation-store.js';
import { ingestEvents, installTelemetryTemplates } from '../src/store/telemetry-store.js';
import type { ScenarioTruth } from '../src/domain/scenario-truth.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import { baselineSlice, HostDirectory, webDestinations } from './baseline.js';
import { buildOrganisation } from './organisation.js';
import { Rng } from './random.js';
import { SCENARIOS } from './scenarios/catalogue.js';
import { runScenario, type PlannedScenario } from './scenarios/run-scenario.js';

const TICK_MS = 1_000;

/**
 * Events kept while Elasticsearch is unreachable, sent when it answers again: about ten minutes at 300 events/s.
 * Beyond it the oldest are dropped, and the log says how many.
 */
const MAX_BACKLOG = 200_000;

export interface FollowOptions {
  es: EsClient;
  config: Config;
  seed: string;
  people: number;
  /** Target events per second. */
  rate: number;
  /** Inject the next scenario of the catalogue this often; 0 for none. */
  scenarioEveryMinutes: number;
  log: (line: string) => void;
  /** Stops the loop (tests); SIGINT and SIGTERM stop it too. */
  signal?: AbortSignal;
}

/**
 * Streams "now" telemetry into Elasticsearch until stopped: the organisation's baseline, sped up or slowed down to
 * the requested rate, with a scenario every few minutes whose events are released when their time comes.
 */
export async function followTelemetry(options: FollowOptions): Promise<void> {
  const { es, config, log } = options;
  const organisation = buildOrganisation(options.seed, { people: options.people });
  const hosts = new HostDirectory(organisation);
  const web = webDestinations(organisation);
  await installTelemetryTemplates(es, config.prefix, config.namespace);
  await saveOrganisation(es, config.prefix, organisation);

  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  options.signal?.addEventListener('abort', onSignal);

  let activityMs = 60_000;
  let pending: TelemetryEvent[] = [];
  // The first scenario after half a minute, or sooner when they come more often (a short soak wants several).
  let nextScenarioAt = Date.now() + Math.min(30_000, options.scenarioEveryMinutes * 60_000);
  let scenarioCursor = 0;
  let sent = 0;
  let lastReport = Date.now();
  // What Elasticsearch has not taken yet; ids are deterministic, so sending an event twice adds nothing.
  let backlog: TelemetryEvent[] = [];
  let unsavedTruths: ScenarioTruth[] = [];
  let dropped = 0;
  const outage = new Backoff(1_000, 30_000);
  log(`following: ~${options.rate} events/s into namespace ${config.namespace} (Ctrl-C to stop)`);
  try {
    while (!stop.signal.aborted) {
      const tickStart = Math.floor(Date.now() / TICK_MS) * TICK_MS - TICK_MS;
      const batch = baselineSlice(organisation, hosts, new Rng(`${options.seed}:live:${tickStart}`), {
        seed: options.seed,
        namespace: config.namespace,
        sliceStart: tickStart,
        sliceMs: activityMs,
        spanMs: TICK_MS,
        sliceIndex: tickStart / TICK_MS,
        web,
        idTag: 'l',
      });
      // Steer the simulated activity per tick towards the requested rate.
      activityMs = Math.min(3_600_000, Math.max(10, (activityMs * options.rate) / Math.max(1, batch.length)));

      if (options.scenarioEveryMinutes > 0 && Date.now() >= nextScenarioAt) {
        const injected = injectScenario(organisation, hosts, options.seed, config.namespace, scenarioCursor, new Date(tickStart + TICK_MS));
        scenarioCursor += 1;
        nextScenarioAt = Date.now() + options.scenarioEveryMinutes * 60_000;
        if (injected) {
          pending.push(...injected.events);
          unsavedTruths.push(injected.truth);
          log(`scenario ${injected.truth.id}: ${injected.truth.description}`);
        }
      }
      const due = Date.now();
      batch.push(...pending.filter((event) => Date.parse(event['@timestamp']) <= due));
      pending = pending.filter((event) => Date.parse(event['@timestamp']) > due);
      backlog.push(...batch);
      if (backlog.length > MAX_BACKLOG) {
        dropped += backlog.length - MAX_BACKLOG;
        backlog = backlog.slice(-MAX_BACKLOG);
      }

      try {
        if (unsavedTruths.length > 0) await saveScenarioTruths(es, config.prefix, unsavedTruths);
        unsavedTruths = [];
        const report = await ingestEvents(es, backlog, { namespace: config.namespace, refresh: false });
        if (outage.streak > 0) log(`Elasticsearch answers again: ${backlog.length} held events sent${dropped > 0 ? `, ${dropped} dropped while it was away` : ''}`);
        outage.reset();
        backlog = [];
        dropped = 0;
        sent += report.indexed;
        if (report.failed > 0) log(`  ${report.failed} events failed to index: ${report.failures[0]?.reason ?? ''}`);
      } catch (err) {
        if (!isElasticsearchUnavailable(err)) throw err;
        const waitMs = outage.next();
        log(`Elasticsearch unavailable; holding ${backlog.length} events and trying again in ${waitMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      if (Date.now() - lastReport >= 10_000) {
        log(`  ${Math.round((sent * 1000) / (Date.now() - lastReport))} events/s`);
        sent = 0;
        lastReport = Date.now();
      }
      const wait = tickStart + 2 * TICK_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function injectScenario(organisation: Organisation, hosts: HostDirectory, seed: string, namespace: string, cursor: number, start: Date): PlannedScenario | undefined {
  const hour = start.getUTCHours();
  const fitting = SCENARIOS.filter((spec) => !spec.twinOf && (!spec.hours || spec.hours.includes(hour)));
  const spec = fitting[cursor % fitting.length];
  if (!spec) return undefined;
  const id = `sc-${seed}-live-${start.getTime()}-${spec.type}`;
  return runScenario(spec, organisation, hosts, new Rng(id), id, start, namespace);
}
