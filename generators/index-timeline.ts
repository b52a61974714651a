import type { Config } from '../src/config/env.js';
import { SocAgentError } from '../src/domain/errors.js';
import type { EsClient } from '../src/store/es-client.js';
import { saveOrganisation, saveScenarioTruths } from '../src/store/organisation-store.js';
import { ingestEvents, installTelemetryTemplates, type IngestReport } from '../src/store/telemetry-store.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import type { Timeline } from './timeline.js';

export interface IndexedTimeline {
  generated: number;
  report: IngestReport;
}

/**
 * Writes a timeline into Elasticsearch: templates, the organisation, the scenario answer key, then the events as
 * one stream. Fails with `INGEST_FAILED` if any event was not indexed.
 */
export async function indexTimeline(es: EsClient, config: Config, timeline: Timeline, onEvent: (event: TelemetryEvent, count: number) => void = () => undefined): Promise<IndexedTimeline> {
  await installTelemetryTemplates(es, config.prefix, config.namespace);
  await saveOrganisation(es, config.prefix, timeline.organisation);
  await saveScenarioTruths(es, config.prefix, timeline.scenarios.map((scenario) => scenario.truth));
  let generated = 0;
  const counted = function* (): Generator<TelemetryEvent> {
    for (const event of timeline.events()) {
      generated += 1;
      onEvent(event, generated);
      yield event;
    }
  };
  const report = await ingestEvents(es, counted(), { namespace: config.namespace });
  if (report.failed > 0 || report.indexed + report.alreadyPresent !== generated) {
    const detail = report.failures[0] ? `; first: ${report.failures[0].id} ${report.failures[0].status} ${report.failures[0].reason}` : '';
    throw new SocAgentError('INGEST_FAILED', `${generated - report.indexed - report.alreadyPresent} of ${generated} events were not indexed${detail}`, { failed: report.failed });
  }
  return { generated, report };
}
