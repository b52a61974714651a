import type { Queue } from 'bullmq';
import type { Config } from '../config/env.js';
import type { Step } from '../domain/step.js';
import { setAlertStatus } from '../store/alert-store.js';
import type { EsClient } from '../store/es-client.js';
import { findLatestInvestigation, findUnfinishedAlerts } from '../store/unfinished-work.js';
import { firstStepJobId, LIVE_JOB_STATES, runOf } from './chain.js';
import { planRecovery } from './recovery-plan.js';
import type { StepJob } from './step-worker.js';

/** Unfinished alerts looked at per pass; the oldest first, so a long backlog is worked through over passes. */
const BATCH = 500;

export interface ReconcilerDeps {
  es: EsClient;
  config: Config;
  queues: Readonly<Record<Step, Queue<StepJob>>>;
  log: (entry: Record<string, unknown>) => void;
  now?: () => Date;
}

export interface ReconcileOutcome {
  checked: number;
  requeued: number;
  markedFailed: number;
}

/**
 * One pass: every alert left unfinished for longer than `afterMs` whose next job exists in no queue (Redis was
 * flushed or lost its data, a hand-over failed) gets that job again, under its deterministic id. Elasticsearch
 * holds the truth (alerts, investigations, step records); the queues are rebuilt from it. A step that already
 * ran finds its record and only hands over, and reports are written once, so a pass never duplicates anything.
 */
export async function reconcileOnce(deps: ReconcilerDeps, afterMs: number): Promise<ReconcileOutcome> {
  const now = deps.now ?? (() => new Date());
  const { es, config, queues } = deps;
  const alerts = await findUnfinishedAlerts(es, config.prefix, new Date(now().getTime() - afterMs), BATCH);
  const outcome: ReconcileOutcome = { checked: alerts.length, requeued: 0, markedFailed: 0 };
  for (const alert of alerts) {
    const latest = await findLatestInvestigation(es, config.prefix, alert.id);
    // A person's re-run waits on the first queue before it saves any state: the alert is in hand.
    const nextRun = (latest ? (runOf(alert.id, latest.id) ?? 1) : 0) + 1;
    if (LIVE_JOB_STATES.has(await queues.classify.getJobState(firstStepJobId(alert.id, nextRun)))) continue;
    const plan = planRecovery(alert, latest);
    if (plan.kind === 'mark_failed') {
      await setAlertStatus(es, config.prefix, alert.id, 'failed', now());
      outcome.markedFailed += 1;
      deps.log({ msg: 'reconcile: alert marked failed', alertId: alert.id, reason: plan.reason });
      continue;
    }
    const queue = queues[plan.step];
    const state = await queue.getJobState(plan.jobId);
    if (LIVE_JOB_STATES.has(state)) continue;
    // A finished job under the id would make `add` a no-op: the record goes, the work does not repeat.
    if (state === 'completed' || state === 'failed') await (await queue.getJob(plan.jobId))?.remove();
    await queue.add(plan.step, plan.job, { jobId: plan.jobId });
    outcome.requeued += 1;
    deps.log({ msg: 'reconcile: job enqueued again', alertId: alert.id, investigationId: plan.job.investigationId, step: plan.step, jobId: plan.jobId, reason: plan.reason });
  }
  return outcome;
}

export interface RunningReconciler {
  close(): Promise<void>;
}

/**
 * Passes every `intervalMs`, never two at once. A pass that fails (Elasticsearch or Redis unreachable) is logged
 * and the next one tries again.
 */
export function startReconciler(deps: ReconcilerDeps, options: { intervalMs: number; afterMs: number }): RunningReconciler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const pass = async (): Promise<void> => {
    try {
      const outcome = await reconcileOnce(deps, options.afterMs);
      if (outcome.requeued + outcome.markedFailed > 0) deps.log({ msg: 'reconcile pass', ...outcome });
    } catch (err) {
      deps.log({ msg: 'reconcile pass failed', level: 'warn', error: err instanceof Error ? err.message : String(err) });
    }
  };
  const schedule = (): void => {
    if (closed) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
