import type { MapContext, MapOutcome } from '../../src/telemetry/real/map-outcome.js';
import type { TelemetryEvent } from '../../src/telemetry/telemetry-event.js';

/** A mapping context for unit tests: namespace `test`, file `sample.json`, line 1. */
export function makeMapContext(overrides: Partial<MapContext> = {}): MapContext {
  return { namespace: 'test', fileName: 'sample.json', line: 1, original: '{}', ...overrides };
}

/** The event of a `mapped` outcome; fails the test, showing the reason, for any other outcome. */
export function expectMapped(outcome: MapOutcome): TelemetryEvent {
  if (outcome.kind !== 'mapped') throw new Error(`expected a mapped record, got ${outcome.kind}: ${outcome.reason}`);
  return outcome.event;
}
