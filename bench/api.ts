import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { indexTimeline } from '../generators/index-timeline.js';
import { buildTimeline } from '../generators/timeline.js';
import { openApiQueues } from '../src/api/api-queues.js';
import { buildApp } from '../src/api/app.js';
import { loadConfig, type Config } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import { REPO_ROOT } from '../src/local-services/paths.js';
import { serverProbes } from '../src/observability/service-probes.js';
import { detectOnce } from '../src/producer/detect-once.js';
import { loadRulePack } from '../src/producer/load-rules.js';
import { getAlert } from '../src/store/alert-store.js';
import { ensureDecisionIndex } from '../src/store/decision-store.js';
import { createEsClient, type EsClient } from '../src/store/es-client.js';
import { createIdempotencyStore } from '../src/store/idempotency-store.js';
import { listReports, reportListRequest } from '../src/store/report-store.js';
import { resetDeployment } from '../src/store/reset-deployment.js';
import { startWorkers } from '../src/workers/start-workers.js';
import { writeBenchResult } from './results-file.js';

/**
 * Throughput and latency of the report routes against a trivial route of the same app, in the same run: the
 * API listens in this process, autocannon loads it from a child process. Reports come from the pipeline (a
 * generated day, the Sigma rules, the offline analyst), built once into their own prefix and kept.
 */
const { values } = parseArgs({ options: { duration: { type: 'string' }, connections: { type: 'string' }, rebuild: { type: 'boolean' } } });
const DURATION_S = Number(values.duration ?? 10);
const CONNECTIONS = Number(values.connections ?? 10);
const PREFIX = 'bench-api';
const NAMESPACE = 'benchapi';
const TOKEN = 'bench-api-token-0123456789abcdef';
const START = new Date('2026-11-18T00:00:00Z');
/** Report fetch must reach at least this share of the trivial route's rate. */
const TARGET_RATIO = 0.5;

const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** The figures of one autocannon run that this benchmark reports. */
const AutocannonResultSchema = z.object({
  requests: z.object({ average: z.number(), total: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number(), average: z.number() }),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
});

/** Reports of a generated day, unless a previous run left them (`--rebuild` starts over). */
async function ensureReports(es: EsClient, config: Config): Promise<string[]> {
  const existing = await listReports(es, config.prefix, {}, 100);
  if (existing.total > 0 && !values.rebuild) {
    say(`${existing.total} reports already in ${config.prefix}-reports`);
    return existing.reports.map((report) => report.investigationId);
  }
  say('building reports: a generated day, the Sigma rules, the offline analyst (once; later runs reuse them)');
  await resetDeployment(es, { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix });
  const timeline = buildTimeline({ seed: '7', people: 12, start: START, hours: 24, namespace: config.namespace });
  await indexTimeline(es, config, timeline);
  const runs = await detectOnce(es, config, loadRulePack(config.detection.rulesDir, config.namespace).rules, { from: START, to: new Date(START.getTime() + 24.5 * 3_600_000) });
  const alertIds = [...new Set(runs.flatMap((run) => run.outcomes.map((outcome) => outcome.alert.id)))];
  const workers = await startWorkers(es, config, () => undefined, { env: { ...process.env, SOC_PREFIX: config.prefix, SOC_NAMESPACE: config.namespace, LOG_LEVEL: 'warn' } });
  try {
    for (;;) {
      const statuses = await Promise.all(alertIds.map(async (id) => (await getAlert(es, config.prefix, id))?.status));
      const open = statuses.filter((status) => status !== 'investigated' && status !== 'failed').length;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await workers.close();
  }
  await es.indices.refresh({ index: `${config.prefix}-*` });
  const built = await listReports(es, config.prefix, {}, 100);
  say(`${built.total} reports from ${alertIds.length} alerts`);
  return built.reports.map((report) => report.investigationId);
}

interface Target {
  label: string;
  url: string;
  /** `name=value` pairs, as autocannon takes them. */
  headers: string[];
  method?: 'GET' | 'POST';
  body?: string;
}

function autocannon(target: Target, durationS: number): Promise<z.infer<typeof AutocannonResultSchema>> {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'autocannon');
  const args = ['-j', '-c', String(CONNECTIONS), '-d', String(durationS), ...target.headers.flatMap((header) => ['-H', header])];
  if (target.method) args.push('-m', target.method);
  if (target.body !== undefined) args.push('-b', target.body);
  args.push(target.url);
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(new Error(`autocannon failed: ${err.message}`, { cause: err }));
      try {
        resolve(AutocannonResultSchema.parse(JSON.parse(stdout)));
      } catch (parseError) {
        reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
      }
    });
  });
}

/** The configured Elasticsearch credentials as an autocannon header. */
function elasticsearchAuth(config: Config): string[] {
  const { apiKey, username, password } = config.elasticsearch;
  if (apiKey) return [`authorization=ApiKey ${apiKey}`];
  if (username && password) return [`authorization=Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`];
  return [];
}

async function measure(target: Target) {
  const label = target.label;
  await autocannon(target, 2); // warm-up: JIT, connection pools, the report cache
  const result = await autocannon(target, DURATION_S);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  const figures = { requestsPerSecond: Math.round(result.requests.average), requests: result.requests.total, p50Ms: result.latency.p50, p99Ms: result.latency.p99, meanMs: result.latency.average };
  say(`${label.padEnd(24)} ${String(figures.requestsPerSecond).padStart(7)} req/s   p50 ${figures.p50Ms} ms   p99 ${figures.p99Ms} ms`);
  return figures;
}

runMain(async (base) => {
  const config = loadConfig({ ...process.env, SOC_PREFIX: PREFIX, SOC_NAMESPACE: NAMESPACE, ANALYST: 'offline', API_RATE_LIMIT: '1000000', LOG_LEVEL: base.logLevel });
  const es = createEsClient(config.elasticsearch);
  const queues = openApiQueues(config);
  const idempotency = createIdempotencyStore(config.redis.url, `${config.prefix}:api`);
  try {
    const reportIds = await ensureReports(es, config);
    const reportId = reportIds[0];
    if (!reportId) throw new Error('no report to fetch');
    await ensureDecisionIndex(es, config.prefix);
    // Request logging off: it would cost every route the same, and fill the terminal.
    const app = await buildApp({ config, es, queues, idempotency, probes: serverProbes(config, es), tokens: [TOKEN], cookieSecret: 'bench-api-cookie-secret-0123456789abcdef', logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      say(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per route after a 2 s warm-up; trivial route measured first and last`);
      const bearer = [`authorization=Bearer ${TOKEN}`];
      const trivialBefore = await measure({ label: 'GET /healthz (trivial)', url: `${origin}/healthz`, headers: [] });
      const byId = await measure({ label: 'GET /reports/:id', url: `${origin}/reports/${reportId}`, headers: bearer });
      const list = await measure({ label: 'GET /reports', url: `${origin}/reports`, headers: bearer });
      const { index, ...search } = reportListRequest(config.prefix, {}, 20);
      const elasticsearch = await measure({
        label: 'the same search, ES alone',
        url: `${new URL(config.elasticsearch.url).origin}/${String(index)}/_search`,
        headers: ['content-type=application/json', ...elasticsearchAuth(config)],
        method: 'POST',
        body: JSON.stringify(search),
      });
      const trivialAfter = await measure({ label: 'GET /healthz (again)', url: `${origin}/healthz`, headers: [] });
      const trivialRate = (trivialBefore.requestsPerSecond + trivialAfter.requestsPerSecond) / 2;
      const ratio = (rate: number) => Math.round((rate / trivialRate) * 100) / 100;
      const figures = {
        parameters: { durationSeconds: DURATION_S, connections: CONNECTIONS, reports: reportIds.length, pageSize: 20, requestLogging: false, loadGenerator: 'autocannon (child process)' },
        note: 'Server, load generator and Elasticsearch share the machine. The trivial route is GET /healthz (no token, no I/O); the report routes check the bearer token. GET /reports/:id serves write-once reports from an in-process cache after the first read; GET /reports queries Elasticsearch on every request, so the same search sent straight to Elasticsearch is measured too.',
        trivial: { before: trivialBefore, after: trivialAfter, meanRequestsPerSecond: Math.round(trivialRate) },
        reportById: { ...byId, ratioToTrivial: ratio(byId.requestsPerSecond) },
        reportList: { ...list, ratioToTrivial: ratio(list.requestsPerSecond), ratioToElasticsearchAlone: Math.round((list.requestsPerSecond / elasticsearch.requestsPerSecond) * 100) / 100 },
        elasticsearchSearchAlone: elasticsearch,
        target: { reportByIdRatio: TARGET_RATIO, met: ratio(byId.requestsPerSecond) >= TARGET_RATIO },
      };
      say(`GET /reports/:id at ${figures.reportById.ratioToTrivial} of the trivial rate (target ≥ ${TARGET_RATIO}); GET /reports at ${figures.reportList.ratioToTrivial}, ${figures.reportList.ratioToElasticsearchAlone} of its search sent to Elasticsearch alone`);
      process.stdout.write(`${writeBenchResult('api', figures)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await queues.close();
    await idempotency.close();
    await es.close();
  }
});
