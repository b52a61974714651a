import type { Queue } from 'bullmq';
import { SocAgentError } from '../domain/errors.js';
import type { InvestigationStatus } from '../domain/investigation.js';
import { FIRST_STEP } from '../domain/step.js';
import type { Disposition } from '../domain/verdict.js';
import type { EsClient } from '../store/es-client.js';
import type { IdempotencyStore } from '../store/idempotency-store.js';
import { getInvestigationStanding } from '../store/investigation-queries.js';
import { firstStepJobId, investigationIdFor, LIVE_JOB_STATES } from '../workers/chain.js';
import type { StepJob } from '../workers/step-worker.js';

/** Runs an alert may have: the first, and re-runs asked for by people. */
export const MAX_RUNS = 20;

/** `queued`: its first job waits; `ended`: its first job finished without leaving a state (the alert was gone). */
export type RunState = 'queued' | 'ended' | InvestigationStatus;

export interface InvestigationRun {
  run: number;
  investigationId: string;
  state: RunState;
  verdict?: Disposition;
}

export type RunDecision = { kind: 'existing'; run: InvestigationRun } | { kind: 'start'; run: number } | { kind: 'limit' };

/** A run still waiting or working is answered instead of starting another; otherwise the next run starts. */
export function decideRun(runs: readonly InvestigationRun[]): RunDecision {
  const latest = runs[runs.length - 1];
  if (latest && (latest.state === 'queued' || latest.state === 'running')) return { kind: 'existing', run: latest };
  const next = (latest?.run ?? 0) + 1;
  return next > MAX_RUNS ? { kind: 'limit' } : { kind: 'start', run: next };
}


export interface RunDeps {
  es: EsClient;
  prefix: string;
  /** The first step's queue, where runs start. */
  queue: Queue<StepJob>;
  idempotency: IdempotencyStore;
}

/**
 * Every run of an alert, oldest first. Run ids are deterministic, so each is looked up by id: the state in
 * Elasticsearch (read in real time, where a search could lag) or, before the first step saved any, its job.
 */
export async function listInvestigationRuns(deps: RunDeps, alertId: string): Promise<InvestigationRun[]> {
  const runs: InvestigationRun[] = [];
  for (let run = 1; run <= MAX_RUNS; run += 1) {
    const investigationId = investigationIdFor(alertId, run);
    const [standing, jobState] = await Promise.all([getInvestigationStanding(deps.es, deps.prefix, investigationId), deps.queue.getJobState(firstStepJobId(alertId, run))]);
    if (standing) {
      runs.push({ run, investigationId, state: standing.status, ...(standing.verdict ? { verdict: standing.verdict } : {}) });
    } else if (jobState !== 'unknown') {
      runs.push({ run, investigationId, state: LIVE_JOB_STATES.has(jobState) ? 'queued' : 'ended' });
    } else {
      break;
    }
  }
  return runs;
}

export interface RunRequestOutcome {
  run: InvestigationRun;
  /** False when an earlier request (a run still going, or the same Idempotency-Key) is answered instead. */
  created: boolean;
}

/**
 * Asks for an investigation of an alert, idempotently: a run that is still queued or running is returned rather
 * than doubled, a retried request with the same `Idempotency-Key` gets the run its first try got, and two racing
 * requests enqueue one job, because the new run's job id is deterministic.
 */
export async function requestInvestigationRun(deps: RunDeps, alertId: string, idempotencyKey?: string): Promise<RunRequestOutcome> {
  const runs = await listInvestigationRuns(deps, alertId);
  const runOf = (investigationId: string): InvestigationRun =>
    runs.find((candidate) => candidate.investigationId === investigationId) ?? { run: runs.length + 1, investigationId, state: 'queued' };
  if (idempotencyKey !== undefined) {
    const earlier = await deps.idempotency.recall(alertId, idempotencyKey);
    if (earlier !== undefined) return { run: runOf(earlier), created: false };
  }
  const decision = decideRun(runs);
  if (decision.kind === 'limit') {
    throw new SocAgentError('RERUN_LIMIT_REACHED', `alert ${alertId} has been investigated ${MAX_RUNS} times; no further run is started`, { alertId });
  }
  let outcome: RunRequestOutcome;
  if (decision.kind === 'existing') {
    outcome = { run: decision.run, created: false };
  } else {
    const investigationId = investigationIdFor(alertId, decision.run);
    const data: StepJob = decision.run === 1 ? { alertId } : { alertId, investigationId };
    await deps.queue.add(FIRST_STEP, data, { jobId: firstStepJobId(alertId, decision.run) });
    outcome = { run: { run: decision.run, investigationId, state: 'queued' }, created: true };
  }
  if (idempotencyKey === undefined) return outcome;
  const standing = await deps.idempotency.remember(alertId, idempotencyKey, outcome.run.investigationId);
  return standing === outcome.run.investigationId ? outcome : { run: runOf(standing), created: false };
}
