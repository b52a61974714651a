import type { Organisation } from '../src/domain/organisation.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import { baselineSlice, HostDirectory, webDestinations } from './baseline.js';
import { buildOrganisation } from './organisation.js';
import { Rng } from './random.js';
import { SCENARIOS } from './scenarios/catalogue.js';
import { runScenario, type PlannedScenario } from './scenarios/run-scenario.js';
import type { ScenarioSpec } from './scenarios/scenario.js';

const HOUR_MS = 3_600_000;
/** Baseline is generated a quarter hour at a time: small enough to sort in memory, large enough to be cheap. */
export const SLICE_MS = 900_000;
/** Scenarios of one runbook start at least this far apart, so their alerts never merge. */
const SAME_RUNBOOK_GAP_MS = 2 * HOUR_MS;

export interface TimelineOptions {
  seed: string;
  people: number;
  /** Start of the window (UTC), on a whole hour. */
  start: Date;
  hours: number;
  namespace: string;
  /** Scenario types to inject; all of them by default. */
  scenarios?: readonly string[];
}

export interface Timeline {
  organisation: Organisation;
  scenarios: PlannedScenario[];
  /** Scenario types that did not fit the window (e.g. a 02:00 backup in a 09:00–12:00 window). */
  skipped: string[];
  /** Every event of the window in time order, baseline and scenarios merged, produced lazily. */
  events(): Generator<TelemetryEvent>;
}

/** The whole window for a seed: the same options always give byte-identical events. */
export function buildTimeline(options: TimelineOptions): Timeline {
  const organisation = buildOrganisation(options.seed, { people: options.people });
  const hosts = new HostDirectory(organisation);
  const web = webDestinations(organisation);
  const startMs = options.start.getTime();
  const endMs = startMs + options.hours * HOUR_MS;
  const specs = options.scenarios ? SCENARIOS.filter((spec) => options.scenarios?.includes(spec.type)) : SCENARIOS;
  const { planned, skipped } = planScenarios(organisation, hosts, specs, options, startMs, endMs);

  const sliceCount = Math.ceil((endMs - startMs) / SLICE_MS);
  const scenarioEventsBySlice = new Map<number, TelemetryEvent[]>();
  for (const scenario of planned) {
    for (const event of scenario.events) {
      const slice = Math.min(sliceCount - 1, Math.max(0, Math.floor((Date.parse(event['@timestamp']) - startMs) / SLICE_MS)));
      const bucket = scenarioEventsBySlice.get(slice) ?? [];
      bucket.push(event);
      scenarioEventsBySlice.set(slice, bucket);
    }
  }

  return {
    organisation,
    scenarios: planned,
    skipped,
    *events() {
      for (let slice = 0; slice < sliceCount; slice += 1) {
        const sliceStart = startMs + slice * SLICE_MS;
        const events = baselineSlice(organisation, hosts, new Rng(`${options.seed}:slice:${sliceStart}`), {
          seed: options.seed,
          namespace: options.namespace,
          sliceStart,
          sliceMs: Math.min(SLICE_MS, endMs - sliceStart),
          sliceIndex: Math.floor(sliceStart / SLICE_MS),
          web,
        });
        events.push(...(scenarioEventsBySlice.get(slice) ?? []));
        events.sort(byTimeThenId);
        yield* events;
      }
    },
  };
}

function byTimeThenId(a: TelemetryEvent, b: TelemetryEvent): number {
  if (a['@timestamp'] !== b['@timestamp']) return a['@timestamp'] < b['@timestamp'] ? -1 : 1;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

function planScenarios(
  organisation: Organisation,
  hosts: HostDirectory,
  specs: readonly ScenarioSpec[],
  options: TimelineOptions,
  startMs: number,
  endMs: number,
): { planned: PlannedScenario[]; skipped: string[] } {
  const rng = new Rng(`${options.seed}:scenarios`);
  const taken = new Map<string, number[]>();
  const planned: PlannedScenario[] = [];
  const skipped: string[] = [];
  specs.forEach((spec, index) => {
    const hourStarts: number[] = [];
    // Leave the last half hour free so a scenario ends inside the window.
    for (let t = startMs; t + 1_800_000 <= endMs; t += HOUR_MS) {
      if (!spec.hours || spec.hours.includes(new Date(t).getUTCHours())) hourStarts.push(t);
    }
    const used = taken.get(spec.expectedRunbook) ?? [];
    const free = hourStarts.filter((t) => used.every((other) => Math.abs(other - t) >= SAME_RUNBOOK_GAP_MS));
    const candidates = free.length > 0 ? free : hourStarts;
    if (candidates.length === 0) {
      skipped.push(spec.type);
      return;
    }
    const hourStart = rng.pick(candidates);
    taken.set(spec.expectedRunbook, [...used, hourStart]);
    const start = new Date(hourStart + rng.int(2, 25) * 60_000 + rng.int(0, 59) * 1_000);
    // The window start is part of the id, so the same seed over another window writes new events, not clashing ones.
    const id = `sc-${options.seed}-${Math.floor(startMs / HOUR_MS).toString(36)}-${String(index + 1).padStart(2, '0')}-${spec.type}`;
    planned.push(runScenario(spec, organisation, hosts, rng.fork(id), id, start, options.namespace));
  });
  // An adversarial scenario names its clean twin by type; the truth record names it by id.
  const idByType = new Map(planned.map((scenario) => [scenario.truth.type, scenario.truth.id]));
  for (const scenario of planned) {
    if (scenario.truth.twinOf) scenario.truth.twinOf = idByType.get(scenario.truth.twinOf) ?? scenario.truth.twinOf;
  }
  return { planned, skipped };
}
