import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../generators/timeline.js';
import { listScenarioTruths, loadOrganisation, saveOrganisation, saveScenarioTruths } from '../../../src/store/organisation-store.js';
import { ingestEvents, installTelemetryTemplates, type IngestReport } from '../../../src/store/telemetry-store.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
const timeline = buildTimeline({ seed: '11', people: 10, start: new Date('2026-11-18T00:00:00Z'), hours: 24, namespace: iso.config.namespace });
let report: IngestReport;

beforeAll(async () => {
  await installTelemetryTemplates(iso.es, iso.config.prefix, iso.config.namespace);
  report = await ingestEvents(iso.es, timeline.events(), { namespace: iso.config.namespace });
  await saveOrganisation(iso.es, iso.config.prefix, timeline.organisation);
  await saveScenarioTruths(iso.es, iso.config.prefix, timeline.scenarios.map((scenario) => scenario.truth));
});
afterAll(() => iso.cleanup());

describe('generated telemetry in Elasticsearch', () => {
  it('indexes every generated event and loses none', async () => {
    const generated = [...timeline.events()].length;
    expect(report).toMatchObject({ submitted: generated, indexed: generated, failed: 0, alreadyPresent: 0 });
    const { count } = await iso.es.count({ index: `logs-*-${iso.config.namespace}` });
    expect(count).toBe(generated);
  });

  it('finds every scenario proof event by its id', async () => {
    const proof = timeline.scenarios.flatMap((scenario) => scenario.truth.proofEventIds);
    const found = await iso.es.search({ index: `logs-*-${iso.config.namespace}`, size: proof.length, query: { ids: { values: proof } }, _source: false });
    expect(found.hits.hits.map((hit) => hit._id).sort()).toEqual([...proof].sort());
  });

  it('maps addresses as ip fields, so CIDR queries work', async () => {
    const internal = await iso.es.count({ index: `logs-system.security-${iso.config.namespace}`, query: { term: { 'source.ip': '10.0.0.0/8' } } });
    expect(internal.count).toBeGreaterThan(0);
  });

  it('adds nothing when the same events are ingested again', async () => {
    const again = await ingestEvents(iso.es, timeline.events(), { namespace: iso.config.namespace });
    expect(again.indexed).toBe(0);
    expect(again.alreadyPresent).toBe(again.submitted);
    expect(again.failed).toBe(0);
  });

  it('stores the organisation and the scenario answer key apart from the telemetry', async () => {
    expect((await loadOrganisation(iso.es, iso.config.prefix))?.people).toHaveLength(10);
    expect((await listScenarioTruths(iso.es, iso.config.prefix)).map((truth) => truth.id).sort()).toEqual(timeline.scenarios.map((scenario) => scenario.truth.id).sort());
  });
});
