import type { Organisation } from '../../src/domain/organisation.js';
import { ScenarioTruthSchema, type ScenarioTruth } from '../../src/domain/scenario-truth.js';
import type { TelemetryEvent } from '../../src/telemetry/telemetry-event.js';
import type { HostDirectory } from '../baseline.js';
import type { Rng } from '../random.js';
import { ScenarioContext, type ScenarioSpec } from './scenario.js';

export interface PlannedScenario {
  spec: ScenarioSpec;
  truth: ScenarioTruth;
  events: TelemetryEvent[];
}

/** Builds one scenario's events from `start` and the truth record that describes them. */
export function runScenario(spec: ScenarioSpec, organisation: Organisation, hosts: HostDirectory, rng: Rng, id: string, start: Date, namespace: string): PlannedScenario {
  const ctx = new ScenarioContext(organisation, hosts, rng, id, start, namespace);
  const outcome = spec.build(ctx);
  const times = ctx.events.map((event) => event['@timestamp']).sort();
  const truth = ScenarioTruthSchema.parse({
    id,
    type: spec.type,
    description: outcome.description,
    malicious: spec.malicious,
    expectedVerdict: spec.expectedVerdict,
    expectedRunbook: spec.expectedRunbook,
    expectedRule: spec.expectedRule,
    techniques: spec.techniques,
    entities: outcome.entities,
    proofEventIds: ctx.proof,
    start: times[0],
    end: times[times.length - 1],
    ...(outcome.injection ? { injection: outcome.injection } : {}),
    ...(spec.twinOf ? { twinOf: spec.twinOf } : {}),
  });
  return { spec, truth, events: ctx.events };
}
