import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../config/env.js';
import { ensureAlertIndex } from '../store/alert-store.js';
import { loadCheckpoint, saveCheckpoint } from '../store/detection-state-store.js';
import type { EsClient } from '../store/es-client.js';
import type { DetectionMetrics } from '../observability/detection-metrics.js';
import type { AlertSinkDeps } from './alert-sink.js';
import { investigationQueue } from './detect-once.js';
import { runRule } from './detector.js';
import type { DetectionRule } from './rule-pack.js';

export const DETECT_QUEUE = 'detect';
const RunRuleSchema = z.object({ ruleId: z.string().min(1) });

export interface ProducerDeps {
  es: EsClient;
  config: Config;
  rules: readonly DetectionRule[];
  log: (entry: Record<string, unknown>) => void;
  now?: () => Date;
  /** Rule runs, alerts and detection latency of this process, for its `/metrics`. */
  metrics?: DetectionMetrics;
  /** How often the rule schedulers are upserted again. @defaultValue three intervals, at least 30 s */
  rescheduleEveryMs?: number;
}

/**
 * Where the next run of a rule looks. It starts `overlap` before the last run ended, so events indexed late are
 * still seen (alerts are deduplicated, so seeing an event twice raises nothing twice). With no checkpoint it
 * looks back two intervals. A correlation whose last run is older than its timespan allows was down for a while:
 * that gap is backfilled, so a restart misses nothing.
 */
export function nextWindow(rule: DetectionRule, checkpoint: Date | undefined, now: Date, timing: Config['detection']): { from: Date; to: Date; mode: 'live' | 'backfill' } {
  const to = new Date(now.getTime() - timing.delayMs);
  const from = checkpoint ? new Date(checkpoint.getTime() - timing.overlapMs) : new Date(to.getTime() - 2 * timing.intervalMs);
  const gapTooLong = rule.kind === 'correlation' && checkpoint !== undefined && to.getTime() - checkpoint.getTime() > rule.plan.timespanMs / 2;
  return { from, to, mode: gapTooLong ? 'backfill' : 'live' };
}

/**
 * The long-running producer: one BullMQ job scheduler per rule fires every `DETECT_INTERVAL_SECONDS`; a worker
 * runs the rule over its next window, records alerts, enqueues new ones for investigation and saves the
 * checkpoint. Schedulers of rules that are gone are removed. The schedulers live in Redis, which may lose them
 * (a flush, an empty restart): they are upserted again every few intervals, which changes nothing when present.
 */
export async function startProducer(deps: ProducerDeps): Promise<{ close: () => Promise<void> }> {
  const { es, config } = deps;
  const connection = { url: config.redis.url };
  const now = deps.now ?? (() => new Date());
  await ensureAlertIndex(es, config.prefix);
  const detectQueue = new Queue(DETECT_QUEUE, { connection, prefix: config.queuePrefix });
  const investigations = investigationQueue(config);
  const byId = new Map(deps.rules.map((rule) => [rule.meta.id, rule]));
  const sink: AlertSinkDeps = { es, prefix: config.prefix, queue: investigations, dedupeWindowMs: config.detection.dedupeWindowMs };

  const ensureSchedulers = async (): Promise<void> => {
    for (const scheduler of await detectQueue.getJobSchedulers()) {
      const ruleId = scheduler.key.replace(/^rule-/, '');
      if (!byId.has(ruleId)) await detectQueue.removeJobScheduler(scheduler.key);
    }
    for (const rule of deps.rules) {
      await detectQueue.upsertJobScheduler(`rule-${rule.meta.id}`, { every: config.detection.intervalMs }, { name: 'run-rule', data: { ruleId: rule.meta.id }, opts: { removeOnComplete: 100, removeOnFail: 500 } });
    }
  };
  await ensureSchedulers();
  const rescheduler = setInterval(() => {
    ensureSchedulers().catch((err: unknown) => deps.log({ msg: 'rule schedulers not refreshed', level: 'warn', error: err instanceof Error ? err.message : String(err) }));
  }, deps.rescheduleEveryMs ?? Math.max(3 * config.detection.intervalMs, 30_000));

  const worker = new Worker(
    DETECT_QUEUE,
    async (job: Job) => {
      const { ruleId } = RunRuleSchema.parse(job.data);
      const rule = byId.get(ruleId);
      if (!rule) throw new UnrecoverableError(`rule ${ruleId} is not loaded`);
      const started = now();
      const checkpoint = await loadCheckpoint(es, config.prefix, ruleId);
      const window = nextWindow(rule, checkpoint, started, config.detection);
      const outcomes = await runRule(sink, rule, window, window.mode, started);
      await saveCheckpoint(es, config.prefix, ruleId, window.to, now());
      const created = outcomes.filter((outcome) => outcome.outcome === 'created');
      const finished = now();
      deps.metrics?.observeRun(ruleId, 'ok', finished.getTime() - started.getTime());
      for (const { alert, outcome } of outcomes) deps.metrics?.observeAlert(ruleId, outcome, alert.firstSeen, finished);
      deps.log({ msg: 'rule run', ruleId, title: rule.meta.title, mode: window.mode, from: window.from.toISOString(), to: window.to.toISOString(), created: created.length, updated: outcomes.length - created.length, duration_ms: finished.getTime() - started.getTime() });
      return { created: created.map((outcome) => outcome.alert.id) };
    },
    { connection, prefix: config.queuePrefix, concurrency: 2 },
  );
  worker.on('error', (err) => deps.log({ msg: 'detect worker error', level: 'warn', error: err.message }));
  worker.on('failed', (job, err) => {
    const ruleId = RunRuleSchema.safeParse(job?.data).data?.ruleId ?? 'unknown';
    deps.metrics?.observeRun(ruleId, 'failed', 0);
    deps.log({ msg: 'rule run failed', ruleId, error: err.message });
  });

  return {
    async close() {
      clearInterval(rescheduler);
      await worker.close();
      await detectQueue.close();
      await investigations.close();
    },
  };
}
