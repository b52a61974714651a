import { STEPS, type Step } from '../domain/step.js';
import type { InvestigationProgress, UnfinishedAlert } from '../store/unfinished-work.js';
import { firstStepJobId, investigationIdFor, runOf, stepJobId } from './chain.js';
import type { StepJob } from './step-worker.js';

/** What an unfinished alert needs for its investigation to go on: a job on a step's queue, or its failure recorded. */
export type Recovery =
  | { kind: 'enqueue'; step: Step; jobId: string; job: StepJob; reason: string }
  | { kind: 'mark_failed'; reason: string };

/**
 * The job that carries an unfinished alert's investigation on from where its saved state says it stopped. Pure:
 * whether that job still exists is for the caller to check, since an existing job means nothing was lost.
 *
 * - no saved state: the first step of the first run (the producer's job, under the alert's own id);
 * - running: the first step without a record (its hand-over was lost with the queue);
 * - completed or degraded, but the alert not marked investigated: the last step again, which finds its own
 *   record, skips the work and writes the report (once) and the alert's status;
 * - failed, but the alert not marked failed: record that, so the failure is visible.
 */
export function planRecovery(alert: UnfinishedAlert, latest: InvestigationProgress | undefined): Recovery {
  if (!latest) {
    const investigationId = investigationIdFor(alert.id);
    return { kind: 'enqueue', step: 'classify', jobId: firstStepJobId(alert.id, 1), job: { alertId: alert.id, investigationId }, reason: 'no saved state and no job' };
  }
  if (latest.status === 'failed') return { kind: 'mark_failed', reason: `${latest.id} failed` };
  const done = new Set(latest.steps.map((record) => record.step));
  const finished = latest.status === 'completed' || latest.status === 'degraded';
  const step: Step = finished ? 'respond' : (STEPS.find((candidate) => !done.has(candidate)) ?? 'respond');
  const run = runOf(alert.id, latest.id) ?? 1;
  const jobId = step === 'classify' ? firstStepJobId(alert.id, run) : stepJobId(latest.id, step);
  const reason = finished ? `${latest.id} finished but its report or alert status was not written` : `${latest.id} stopped before ${step}`;
  return { kind: 'enqueue', step, jobId, job: { alertId: alert.id, investigationId: latest.id }, reason };
}
