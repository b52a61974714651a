import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostDirectory } from '../../../generators/baseline.js';
import { followTelemetry } from '../../../generators/follow.js';
import { buildOrganisation } from '../../../generators/organisation.js';
import { Rng } from '../../../generators/random.js';
import { SCENARIOS } from '../../../generators/scenarios/catalogue.js';
import { runScenario } from '../../../generators/scenarios/run-scenario.js';
import { loadConfig, type Config } from '../../../src/config/env.js';
import { STEPS } from '../../../src/domain/step.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { startProducer } from '../../../src/producer/producer.js';
import { alertIndex, ensureAlertIndex, getAlert, listAlerts } from '../../../src/store/alert-store.js';
import { createEsClient } from '../../../src/store/es-client.js';
import { ensureInvestigationIndices, getInvestigation } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, ensureReportIndex } from '../../../src/store/report-store.js';
import { ingestEvents, installTelemetryTemplates } from '../../../src/store/telemetry-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { startPipeline } from '../../../src/workers/step-worker.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';
import { scriptedHandlers } from '../../support/scripted-handlers.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

/**
 * Elasticsearch unreachable for 30 s, by a proxy in front of the real node that refuses connections and then
 * accepts them again. The processes under test talk to the proxy; the test checks through the node directly.
 */
const OUTAGE_MS = 30_000;
const iso = isolate();
for (const step of STEPS) iso.queueNames.add(step);
iso.queueNames.add('detect');
let proxy: TcpProxy;
let config: Config;

const slow = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await slow(250);
  }
}

beforeAll(async () => {
  proxy = await startTcpProxy(new URL(iso.config.elasticsearch.url));
  config = loadConfig({ ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: iso.config.namespace, ELASTICSEARCH_URL: proxy.url, DETECT_INTERVAL_SECONDS: '2', DETECT_DELAY_SECONDS: '1', DETECT_OVERLAP_SECONDS: '10' });
  await ensureAlertIndex(iso.es, iso.config.prefix);
  await ensureInvestigationIndices(iso.es, iso.config.prefix);
  await ensureReportIndex(iso.es, iso.config.prefix);
  await installTelemetryTemplates(iso.es, iso.config.prefix, iso.config.namespace);
});
afterAll(async () => {
  await proxy.close();
  await iso.cleanup();
});

describe('Elasticsearch unreachable for 30 seconds', () => {
  it('pauses the step workers instead of failing investigations; every alert ends with one report', { timeout: 150_000 }, async () => {
    const alerts = Array.from({ length: 20 }, (_, i) => makeAlert({ id: `al-esdown${String(i).padStart(10, '0')}` }));
    await iso.es.bulk({ operations: alerts.flatMap((alert) => [{ create: { _index: alertIndex(iso.config.prefix), _id: alert.id } }, alert]), refresh: true });
    const es = createEsClient(config.elasticsearch, { requestTimeoutMs: 2_000 });
    const base = scriptedHandlers();
    const handlers = { ...base, assess: async (...args: Parameters<typeof base.assess>) => (await slow(200), base.assess(...args)) };
    const pipeline = startPipeline({ es, config, handlers, log: () => undefined }, { attempts: 2, outageBackoffMaxMs: 4_000 });
    try {
      for (const alert of alerts) await pipeline.queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
      await waitUntil(async () => (await countReportsForAlert(iso.es, iso.config.prefix, alerts[0]?.id ?? '')) === 1, 'a first report', 30_000);
      await proxy.cut();
      await slow(OUTAGE_MS);
      await proxy.restore();
      await waitUntil(
        async () => (await Promise.all(alerts.map(async (alert) => (await getAlert(iso.es, iso.config.prefix, alert.id))?.status))).every((status) => status === 'investigated'),
        'every alert to be investigated',
        60_000,
      );
    } finally {
      await pipeline.close();
      await es.close();
    }
    const reports = await Promise.all(alerts.map((alert) => countReportsForAlert(iso.es, iso.config.prefix, alert.id)));
    expect(reports.filter((count) => count !== 1)).toEqual([]);
    const statuses = await Promise.all(alerts.map(async (alert) => (await getInvestigation(iso.es, iso.config.prefix, investigationIdFor(alert.id)))?.status));
    expect(statuses.filter((status) => status !== 'completed')).toEqual([]);
  });

  it('keeps detecting after it: events indexed during the outage still raise their alert', { timeout: 120_000 }, async () => {
    const spec = SCENARIOS.find((candidate) => candidate.type === 'cloudtrail_disabled');
    if (!spec) throw new Error('no cloudtrail_disabled scenario');
    const organisation = buildOrganisation('outage', { people: 10 });
    const es = createEsClient(config.elasticsearch, { requestTimeoutMs: 2_000 });
    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    const producer = await startProducer({ es, config, rules: pack.rules, log: () => undefined });
    const raisedFor = async (proof: readonly string[]): Promise<boolean> => {
      const { alerts } = await listAlerts(iso.es, iso.config.prefix, {}, 50);
      return alerts.some((alert) => alert.sampleEventIds.some((id) => proof.includes(id)));
    };
    try {
      await slow(5_000);
      await proxy.cut();
      // Written behind the producer's back while it cannot see Elasticsearch, timestamped inside the outage.
      const scenario = runScenario(spec, organisation, new HostDirectory(organisation), new Rng('outage'), 'sc-outage', new Date(Date.now() - 2_000), config.namespace);
      await ingestEvents(iso.es, scenario.events, { namespace: config.namespace });
      await slow(OUTAGE_MS);
      expect(await raisedFor(scenario.truth.proofEventIds)).toBe(false);
      await proxy.restore();
      await waitUntil(() => raisedFor(scenario.truth.proofEventIds), 'the alert of the events indexed during the outage', 60_000);
    } finally {
      await producer.close();
      await es.close();
    }
  });

  it('holds live telemetry while it is away and sends what it held when it answers', { timeout: 120_000 }, async () => {
    // A namespace of its own: the scenario of the test before runs on into the next minutes.
    const live = loadConfig({ ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: `${iso.config.namespace}live`, ELASTICSEARCH_URL: proxy.url });
    const es = createEsClient(live.elasticsearch, { requestTimeoutMs: 2_000 });
    const stop = new AbortController();
    const lines: string[] = [];
    const following = followTelemetry({ es, config: live, seed: 'outage', people: 10, rate: 20, scenarioEveryMinutes: 0, log: (line) => lines.push(line), signal: stop.signal });
    const countBetween = async (from: number, to: number): Promise<number> => {
      await iso.es.indices.refresh({ index: `logs-*-${live.namespace}` });
      const { count } = await iso.es.count({ index: `logs-*-${live.namespace}`, query: { range: { '@timestamp': { gte: new Date(from).toISOString(), lt: new Date(to).toISOString() } } } });
      return count;
    };
    try {
      await slow(4_000);
      await proxy.cut();
      const cutAt = Date.now();
      await slow(OUTAGE_MS);
      const restoredAt = Date.now();
      expect(await countBetween(cutAt + 2_000, restoredAt - 2_000)).toBe(0);
      await proxy.restore();
      await waitUntil(async () => (await countBetween(cutAt + 2_000, restoredAt - 2_000)) > 0, 'the held events to arrive', 60_000);
    } finally {
      stop.abort();
      await following;
      await es.close();
      await iso.es.indices.deleteDataStream({ name: `*-${live.namespace}` }, { ignore: [404] });
    }
    expect(lines.some((line) => line.startsWith('Elasticsearch unavailable; holding'))).toBe(true);
    expect(lines.some((line) => line.startsWith('Elasticsearch answers again'))).toBe(true);
  });
});
