import { FIRST_STEP, STEPS, type Step } from '../domain/step.js';

/** The step after `step`, or undefined after the last one. */
export function nextStep(step: Step): Step | undefined {
  return STEPS[STEPS.indexOf(step) + 1];
}

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

/**
 * The job id of one step of one investigation. The same (investigation, step) always gives the same id, so a
 * redelivered or retried hand-over adds nothing. BullMQ refuses `:` in custom ids, hence the dash.
 */
export function stepJobId(investigationId: string, step: Step): string {
  return `${investigationId}-${step}`;
}

/** The investigation an alert opens; a re-run asked for by a person gets a numbered one. */
export function investigationIdFor(alertId: string, run = 1): string {
  const base = `inv-${alertId.replace(/^al-/, '')}`;
  return run === 1 ? base : `${base}-r${run}`;
}

/** The run number of one of an alert's investigations: 1 for the first, n for `…-r<n>`; undefined if not its. */
export function runOf(alertId: string, investigationId: string): number | undefined {
  const base = investigationIdFor(alertId);
  if (investigationId === base) return 1;
  const match = /^-r(\d+)$/.exec(investigationId.slice(base.length));
  return investigationId.startsWith(base) && match ? Number(match[1]) : undefined;
}

/** Job states in which the work is still coming (waiting its turn, or being done): nothing was lost. */
export const LIVE_JOB_STATES: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The first step's job id of a run. The producer enqueues the first run under the alert's own id. */
export function firstStepJobId(alertId: string, run: number): string {
  return run === 1 ? alertId : stepJobId(investigationIdFor(alertId, run), FIRST_STEP);
}
