import { QueueEvents } from 'bullmq';
import { parseArgs } from 'node:util';
import { HostDirectory } from '../generators/baseline.js';
import { buildOrganisation } from '../generators/organisation.js';
import { Rng } from '../generators/random.js';
import { SCENARIOS } from '../generators/scenarios/catalogue.js';
import { runScenario } from '../generators/scenarios/run-scenario.js';
import { buildTimeline } from '../generators/timeline.js';
import { loadConfig, type Config } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import { FIRST_STEP } from '../src/domain/step.js';
import { loadRulePack } from '../src/producer/load-rules.js';
import { startProducer } from '../src/producer/producer.js';
import { searchCorrelation, searchSingleRule } from '../src/producer/run-rule.js';
import { createEsClient } from '../src/store/es-client.js';
import { resetDeployment } from '../src/store/reset-deployment.js';
import { ingestEvents, installTelemetryTemplates } from '../src/store/telemetry-store.js';
import { summarise } from './percentiles.js';
import { writeBenchResult } from './results-file.js';

/**
 * Detection latency in continuous mode (event indexed → alert enqueued) for one scenario of each malicious type,
 * with the producer running every 2 s, and the execution time of each rule's live query against a plain count
 * over the same window (the baseline, same run).
 */
const { values } = parseArgs({ options: { people: { type: 'string' }, runs: { type: 'string' } } });
const people = Number(values.people ?? 100);
const runs = Number(values.runs ?? 7);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

runMain(async (base) => {
  const config: Config = loadConfig({ ...process.env, SOC_PREFIX: 'bench-detect', SOC_NAMESPACE: 'benchdetect', DETECT_INTERVAL_SECONDS: '2', DETECT_DELAY_SECONDS: '1', DETECT_OVERLAP_SECONDS: '10', REDIS_URL: base.redis.url, ELASTICSEARCH_URL: base.elasticsearch.url });
  const es = createEsClient(config.elasticsearch);
  const reset = () => resetDeployment(es, { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix });
  try {
    await reset();
    await installTelemetryTemplates(es, config.prefix, config.namespace);
    const hour = 3_600_000;
    const start = new Date(Math.floor(Date.now() / hour) * hour - 2 * hour);
    const baseline = await ingestEvents(es, buildTimeline({ seed: 'bench', people, start, hours: 2, namespace: config.namespace, scenarios: [] }).events(), { namespace: config.namespace });
    say(`baseline: ${baseline.indexed} events over the last two hours (${people} people)`);

    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    const now = new Date();
    const perRule: Record<string, { p50: number; p95: number; baselineP50: number; ratio: number }> = {};
    for (const rule of pack.rules) {
      const windowMs = rule.kind === 'single' ? 2 * config.detection.intervalMs + config.detection.overlapMs : rule.plan.timespanMs;
      const window = { from: new Date(now.getTime() - windowMs), to: now };
      const index = rule.kind === 'single' ? rule.compiled.index : rule.plan.index;
      const timings: number[] = [];
      const baselineTimings: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now();
        if (rule.kind === 'single') await searchSingleRule(es, rule, window);
        else await searchCorrelation(es, rule.plan, window);
        timings.push(performance.now() - t0);
        const t1 = performance.now();
        await es.count({ index, ignore_unavailable: true, allow_no_indices: true, query: { range: { '@timestamp': { gte: window.from.toISOString(), lte: window.to.toISOString() } } } });
        baselineTimings.push(performance.now() - t1);
      }
      const ours = summarise(timings);
      const plain = summarise(baselineTimings);
      perRule[rule.meta.title] = { p50: ours.p50, p95: ours.p95, baselineP50: plain.p50, ratio: Number((ours.p50 / Math.max(0.1, plain.p50)).toFixed(2)) };
      say(`  ${rule.meta.title.padEnd(62)} p50 ${ours.p50} ms (count ${plain.p50} ms)`);
    }

    const organisation = buildOrganisation('bench', { people });
    const hosts = new HostDirectory(organisation);
    const events = new QueueEvents(FIRST_STEP, { connection: { url: config.redis.url }, prefix: config.queuePrefix });
    await events.waitUntilReady();
    const producer = await startProducer({ es, config, rules: pack.rules, log: () => undefined });
    const latencies: Record<string, number> = {};
    try {
      for (const spec of SCENARIOS.filter((candidate) => candidate.malicious && !candidate.twinOf)) {
        const probe = runScenario(spec, organisation, hosts, new Rng(spec.type), `bench-${spec.type}`, new Date(), config.namespace);
        const duration = Date.parse(probe.truth.end) - Date.parse(probe.truth.start);
        const id = `bench-${spec.type}-${Date.now()}`;
        const scenario = runScenario(spec, organisation, hosts, new Rng(spec.type), id, new Date(Date.now() - duration - 1_500), config.namespace);
        const enqueued = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no alert for ${spec.type} within 60 s`)), 60_000);
          events.once('waiting', () => {
            clearTimeout(timer);
            resolve(Date.now());
          });
        });
        await ingestEvents(es, scenario.events, { namespace: config.namespace, refresh: false });
        const indexedAt = Date.now();
        try {
          latencies[spec.type] = (await enqueued) - indexedAt;
          say(`  ${spec.type.padEnd(28)} ${latencies[spec.type]} ms`);
        } catch (err) {
          say(`  ${spec.type.padEnd(28)} ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    } finally {
      await producer.close();
      await events.close();
    }
    const latency = summarise(Object.values(latencies));
    const file = writeBenchResult('detect', {
      parameters: { people, runs, intervalMs: config.detection.intervalMs, delayMs: config.detection.delayMs, refreshIntervalMs: 1_000 },
      latency: { ...latency, perScenario: latencies, ratioToInterval: Number((latency.p50 / config.detection.intervalMs).toFixed(2)) },
      ruleExecution: perRule,
    });
    say(`latency p50 ${latency.p50} ms, p95 ${latency.p95} ms over ${latency.n} scenarios; written ${file}`);
  } finally {
    await reset();
    await es.close();
  }
});
