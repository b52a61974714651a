import { Queue, QueueEvents } from 'bullmq';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildTimeline } from '../generators/timeline.js';
import { indexTimeline } from '../generators/index-timeline.js';
import type { Analyst } from '../src/analyst/analyst.js';
import { offlineAnalyst } from '../src/analyst/offline-analyst.js';
import { loadRunbooks } from '../src/analyst/read-runbooks.js';
import { loadConfig, type Config } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import type { Alert } from '../src/domain/alert.js';
import { SocAgentError } from '../src/domain/errors.js';
import { FIRST_STEP, STEPS } from '../src/domain/step.js';
import { McpClient, localStdioConnection } from '../src/mcp-server/client.js';
import { detectOnce } from '../src/producer/detect-once.js';
import { loadRulePack } from '../src/producer/load-rules.js';
import { getAlert } from '../src/store/alert-store.js';
import { resetDeployment } from '../src/store/reset-deployment.js';
import { createEsClient, type EsClient } from '../src/store/es-client.js';
import { ensureInvestigationIndices, getInvestigation } from '../src/store/investigation-store.js';
import { ensureReportIndex, getReport, saveReportOnce } from '../src/store/report-store.js';
import { firstStepJobId, investigationIdFor, stepJobId } from '../src/workers/chain.js';
import { mcpEvidenceTools } from '../src/workers/mcp-evidence-tools.js';
import { newInvestigation } from '../src/workers/new-investigation.js';
import { startPipeline } from '../src/workers/step-worker.js';
import { summarise } from './percentiles.js';
import { writeBenchResult } from './results-file.js';

/**
 * Investigations per second through the six queues against the same analyst work without them, in one run.
 *
 * Both sides investigate the same alerts — raised by the Sigma rules over a generated day — with one offline
 * analyst and one MCP client (a stdio subprocess, as the workers use), `concurrency` investigations at a time.
 *   in-process — per investigation: read the alert, call the six step handlers in order, write the report once.
 *   queued     — the production pipeline (`startPipeline`): every alert enqueued at once on `classify`; each step
 *                loads the state, runs its handler, saves the state and its audit snapshot, and hands over to the
 *                next queue; the last writes the report and the alert's status.
 * The ratio of the two is what the queues, hand-overs and per-step state persistence cost.
 */
const ArgsSchema = z.object({
  people: z.coerce.number().int().min(5).max(2_000),
  runs: z.coerce.number().int().min(1).max(20),
  concurrency: z.coerce.number().int().min(1).max(32).default(2),
  seed: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('1'),
});

/** A Wednesday, so the benign look-alikes fall in their working hours (as in the evaluation). */
const DAY_START = new Date('2026-11-18T00:00:00Z');
const HOURS = 24;
/** Detection reaches past the day a little, so correlations that end at midnight are closed. */
const DETECT_TAIL_MS = 30 * 60_000;
const PREFIX = 'bench-pipeline';
const NAMESPACE = 'benchpipeline';
/** Where the in-process side writes its reports, apart from the pipeline's (removed with the prefix). */
const IN_PROCESS_PREFIX = `${PREFIX}-inprocess`;
const QUEUED_TIMEOUT_MS = 15 * 60_000;

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function parseOptions() {
  const { values } = parseArgs({ options: { people: { type: 'string' }, runs: { type: 'string' }, concurrency: { type: 'string' }, seed: { type: 'string' }, quick: { type: 'boolean' } }, strict: true });
  const parsed = ArgsSchema.safeParse({ ...values, people: values.people ?? (values.quick ? 12 : 20), runs: values.runs ?? (values.quick ? 1 : 3) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SocAgentError('INPUT_INVALID', `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, quick: values.quick === true };
}

interface Work {
  alert: Alert;
  run: number;
}

/** Runs `task` over the items with at most `concurrency` at once. */
async function inPool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** One investigation in-process: the alert read, the six handlers in order, the report written once. */
async function investigateInProcess(es: EsClient, analyst: Analyst, work: Work, reportPrefix: string | undefined): Promise<void> {
  const alert = await getAlert(es, PREFIX, work.alert.id);
  if (!alert) throw new SocAgentError('ALERT_NOT_FOUND', `alert ${work.alert.id} is gone`);
  const now = (): Date => new Date();
  const signal = new AbortController().signal;
  let investigation = newInvestigation(alert, investigationIdFor(alert.id, work.run), now());
  for (const step of STEPS) investigation = await analyst[step](investigation, { now, attempt: 1, signal });
  if (!investigation.report) throw new SocAgentError('INVESTIGATION_STATE_INVALID', `${investigation.id} ended without a report`);
  if (reportPrefix) await saveReportOnce(es, reportPrefix, investigation.id, investigation.report, now(), alert.severity);
}

/**
 * Waits, on the queues' events, until every investigation finished `respond` or failed for good at some step.
 * `jobs` maps each step job id the investigations will have to its investigation.
 */
function waitForEnd(config: Config, jobs: ReadonlyMap<string, string>, expected: number): { ready: Promise<void>; ended: Promise<{ completed: string[]; failed: string[] }>; close: () => Promise<void> } {
  const listeners = STEPS.map((step) => ({ step, events: new QueueEvents(step, { connection: { url: config.redis.url }, prefix: config.queuePrefix }) }));
  const completed: string[] = [];
  const failed: string[] = [];
  const ended = new Promise<{ completed: string[]; failed: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SocAgentError('STEP_TIMEOUT', `${expected - completed.length - failed.length} investigations did not end within ${QUEUED_TIMEOUT_MS / 60_000} min`)), QUEUED_TIMEOUT_MS);
    const record = (into: string[], jobId: string): void => {
      const id = jobs.get(jobId);
      if (id) into.push(id);
      if (completed.length + failed.length < expected) return;
      clearTimeout(timer);
      resolve({ completed, failed });
    };
    for (const { step, events } of listeners) {
      if (step === 'respond') events.on('completed', ({ jobId }) => record(completed, jobId));
      // A QueueEvents `failed` is a job moved to the failed set: its last try failed.
      events.on('failed', ({ jobId }) => record(failed, jobId));
    }
  });
  return {
    ready: Promise.all(listeners.map(({ events }) => events.waitUntilReady())).then(() => undefined),
    ended,
    close: async () => void (await Promise.all(listeners.map(({ events }) => events.close()))),
  };
}

const perSecond = (count: number, ms: number): number => Number((count / (ms / 1000)).toFixed(2));

runMain(async (base) => {
  const options = parseOptions();
  const env = { ...process.env, SOC_PREFIX: PREFIX, SOC_NAMESPACE: NAMESPACE, ANALYST: 'offline', ANTHROPIC_API_KEY: undefined, REDIS_URL: base.redis.url, ELASTICSEARCH_URL: base.elasticsearch.url };
  const config = loadConfig(env);
  const deployment = { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix };
  const es = createEsClient(config.elasticsearch);
  let mcp: McpClient | undefined;
  try {
    await resetDeployment(es, deployment, { removeTemplates: true });
    const timeline = buildTimeline({ seed: options.seed, people: options.people, start: DAY_START, hours: HOURS, namespace: config.namespace });
    const indexBegan = Date.now();
    const { generated } = await indexTimeline(es, config, timeline);
    const indexMs = Date.now() - indexBegan;
    say(`${generated} events (${options.people} people, ${HOURS} h, seed ${options.seed}) indexed in ${(indexMs / 1000).toFixed(0)} s`);

    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    if (pack.errors.length > 0) throw new SocAgentError('RULE_INVALID', `the rule pack has errors: ${pack.errors.map((error) => error.message).join('; ')}`);
    const detectBegan = Date.now();
    const detected = await detectOnce(es, config, pack.rules, { from: DAY_START, to: new Date(DAY_START.getTime() + HOURS * 3_600_000 + DETECT_TAIL_MS) });
    const detectMs = Date.now() - detectBegan;
    const alerts = [...new Map(detected.flatMap((report) => report.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const))).values()];
    if (alerts.length === 0) throw new SocAgentError('INPUT_INVALID', 'the rules raised no alert over the generated day: nothing to investigate');
    // Detection enqueued them; the two sides start from alerts at rest, so that queue is emptied.
    const first = new Queue(FIRST_STEP, { connection: { url: config.redis.url }, prefix: config.queuePrefix });
    await first.obliterate({ force: true });
    await first.close();
    const work: Work[] = Array.from({ length: options.runs }, (_, index) => alerts.map((alert) => ({ alert, run: index + 1 }))).flat();
    say(`${alerts.length} alerts raised in ${(detectMs / 1000).toFixed(0)} s; ${work.length} investigations per side (${options.runs} per alert), ${options.concurrency} at a time`);

    const runbooks = loadRunbooks(config.mcp.runbooksDir);
    mcp = await McpClient.connect({ connection: localStdioConnection(env), stderr: 'ignore' });
    const analyst = offlineAnalyst({ tools: mcpEvidenceTools(mcp), runbooks: runbooks.runbooks });
    await ensureInvestigationIndices(es, config.prefix);
    await ensureReportIndex(es, config.prefix);
    await ensureReportIndex(es, IN_PROCESS_PREFIX);

    // Warm-up, not measured: JIT, the MCP server's caches and data loads, Elasticsearch's caches — for both sides.
    await inPool(alerts.map((alert) => ({ alert, run: 1 })), options.concurrency, (item) => investigateInProcess(es, analyst, item, undefined));

    const latencies: number[] = [];
    const inProcessBegan = performance.now();
    await inPool(work, options.concurrency, async (item) => {
      const began = performance.now();
      await investigateInProcess(es, analyst, item, IN_PROCESS_PREFIX);
      latencies.push(performance.now() - began);
    });
    const inProcessMs = performance.now() - inProcessBegan;
    const inProcessRate = perSecond(work.length, inProcessMs);
    say(`in-process: ${work.length} in ${(inProcessMs / 1000).toFixed(1)} s, ${inProcessRate}/s`);

    const concurrency = Object.fromEntries(STEPS.map((step) => [step, options.concurrency]));
    const pipeline = startPipeline({ es, config, handlers: analyst, log: () => undefined }, { concurrency, stepTimeoutMs: config.workers.stepTimeoutMs, attempts: config.workers.attempts });
    const jobs = new Map(
      work.flatMap((item) => {
        const investigationId = investigationIdFor(item.alert.id, item.run);
        return STEPS.map((step) => [step === FIRST_STEP ? firstStepJobId(item.alert.id, item.run) : stepJobId(investigationId, step), investigationId] as const);
      }),
    );
    const watch = waitForEnd(config, jobs, work.length);
    const queued = async (): Promise<{ enqueuedAt: number; completed: string[]; failed: string[] }> => {
      try {
        await watch.ready;
        const enqueuedAt = Date.now();
        await pipeline.queues[FIRST_STEP].addBulk(
          work.map((item) => ({ name: FIRST_STEP, data: { alertId: item.alert.id, investigationId: investigationIdFor(item.alert.id, item.run) }, opts: { jobId: firstStepJobId(item.alert.id, item.run) } })),
        );
        return { enqueuedAt, ...(await watch.ended) };
      } finally {
        await pipeline.close();
        await watch.close();
      }
    };
    const outcome = await queued();
    const { enqueuedAt } = outcome;

    const endToEnd: number[] = [];
    const stepTime: number[] = [];
    const handOver: number[] = [];
    let lastReportAt = enqueuedAt;
    for (const id of outcome.completed) {
      const report = await getReport(es, config.prefix, id);
      const investigation = await getInvestigation(es, config.prefix, id);
      const firstStart = investigation?.steps[0]?.startedAt;
      if (!report || !investigation || !firstStart) continue;
      const writtenAt = Date.parse(report.createdAt);
      lastReportAt = Math.max(lastReportAt, writtenAt);
      endToEnd.push(writtenAt - enqueuedAt);
      const working = investigation.steps.reduce((sum, record) => sum + record.durationMs, 0);
      stepTime.push(working);
      handOver.push(writtenAt - Date.parse(firstStart) - working);
    }
    const queuedMs = lastReportAt - enqueuedAt;
    const queuedRate = perSecond(endToEnd.length, queuedMs);
    const ratio = Number((queuedRate / inProcessRate).toFixed(3));
    say(`queued: ${endToEnd.length} reports in ${(queuedMs / 1000).toFixed(1)} s, ${queuedRate}/s; ${outcome.failed.length} failed`);

    const file = writeBenchResult('pipeline', {
      parameters: { people: options.people, hours: HOURS, seed: options.seed, events: generated, alerts: alerts.length, runsPerAlert: options.runs, investigations: work.length, concurrency: options.concurrency, analyst: 'offline', quick: options.quick },
      preparation: { indexSeconds: Number((indexMs / 1000).toFixed(1)), detectSeconds: Number((detectMs / 1000).toFixed(1)) },
      inProcess: {
        includes: 'read the alert; the six offline step handlers in order through the same MCP client; write the report once',
        investigationsPerSecond: inProcessRate,
        seconds: Number((inProcessMs / 1000).toFixed(2)),
        latencyMs: summarise(latencies),
      },
      queued: {
        includes: 'all enqueued at once on classify; per step: load the state, the handler, save the state and its snapshot, hand over by queue; then the report and the alert status',
        investigationsPerSecond: queuedRate,
        seconds: Number((queuedMs / 1000).toFixed(2)),
        completed: endToEnd.length,
        failed: outcome.failed.length,
        endToEndMs: summarise(endToEnd),
        stepTimeMs: summarise(stepTime),
        handOverMs: summarise(handOver),
      },
      queueOverheadRatio: ratio,
    });
    say(`queue overhead ratio (queued / in-process throughput): ${ratio}; end to end p50 ${summarise(endToEnd).p50} ms, p95 ${summarise(endToEnd).p95} ms; written ${file}`);
    if (outcome.failed.length > 0) throw new SocAgentError('STEP_FAILED', `${outcome.failed.length} queued investigations failed: ${outcome.failed.slice(0, 5).join(', ')}`);
  } finally {
    await mcp?.close();
    await resetDeployment(es, deployment, { removeTemplates: true });
    await es.close();
  }
});
