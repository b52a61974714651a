import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Backoff } from '../domain/backoff.js';
import { z } from 'zod';
import type { Config } from '../config/env.js';
import { SocAgentError } from '../domain/errors.js';
import type { Investigation, ModelCall, StepRecord, Usage } from '../domain/investigation.js';
import { FIRST_STEP, STEPS, type Step } from '../domain/step.js';
import { withLogContext } from '../observability/log-context.js';
import type { PipelineMetrics } from '../observability/pipeline-metrics.js';
import { inSpan } from '../observability/tracing.js';
import { getAlert, setAlertStatus } from '../store/alert-store.js';
import { isElasticsearchUnavailable, type EsClient } from '../store/es-client.js';
import { getInvestigation, saveInvestigation } from '../store/investigation-store.js';
import { saveReportOnce } from '../store/report-store.js';
import { investigationIdFor, nextStep, stepJobId } from './chain.js';
import { newInvestigation } from './new-investigation.js';
import type { StepHandlers } from './step-handler.js';

/** What travels on the queues: ids only; the state itself lives in Elasticsearch. */
export const StepJobSchema = z.object({ alertId: z.string().min(1), investigationId: z.string().min(1).optional() });
export type StepJob = z.infer<typeof StepJobSchema>;

export interface PipelineDeps {
  es: EsClient;
  config: Config;
  handlers: StepHandlers;
  log: (entry: Record<string, unknown>) => void;
  now?: () => Date;
  /** Step durations, outcomes and model usage of this process, for its `/metrics`. */
  metrics?: PipelineMetrics;
}

export interface PipelineOptions {
  /** Steps this process works on; all by default, so one process can run the whole chain. */
  steps?: readonly Step[];
  concurrency?: Partial<Record<Step, number>>;
  /** Per-step timeout. @defaultValue 120 s */
  stepTimeoutMs?: number;
  /** Tries per step before the investigation fails. @defaultValue 3 */
  attempts?: number;
  /**
   * How long a worker holds a job before it is presumed dead and the job is handed to another.
   * @defaultValue step timeout + 30 s
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose holder died. @defaultValue 30 s (BullMQ's) */
  stalledIntervalMs?: number;
  /** Longest pause of a step's queue while Elasticsearch is unreachable; pauses double up to it. @defaultValue 30 s */
  outageBackoffMaxMs?: number;
}

export function pipelineQueues(config: Config, attempts = 3): Record<Step, Queue<StepJob>> {
  const entries = STEPS.map((step) => [
    step,
    new Queue<StepJob>(step, {
      connection: { url: config.redis.url },
      prefix: config.queuePrefix,
      defaultJobOptions: { attempts, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: false },
    }),
  ]);
  return Object.fromEntries(entries) as Record<Step, Queue<StepJob>>;
}

async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number, step: Step): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SocAgentError('STEP_TIMEOUT', `${step} took longer than ${timeoutMs / 1000} s`, { step }));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const stepDone = (investigation: Investigation, step: Step): boolean => investigation.steps.some((record) => record.step === step);

const addUsage = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  costUsd: a.costUsd + b.costUsd,
});

/**
 * The model, prompt and usage of this run of a step: the ModelCalls the analyst appended during it (found by
 * identity, since the list is capped and may have dropped old entries). Empty for the offline analyst.
 */
function modelUsageOfRun(before: Investigation, after: Investigation, step: Step): Pick<StepRecord, 'model' | 'promptVersion' | 'usage'> {
  const earlier = new Set<ModelCall>(before.modelCalls ?? []);
  const fresh = (after.modelCalls ?? []).filter((call) => !earlier.has(call) && call.step === step);
  const [first] = fresh;
  if (!first) return {};
  return { model: first.model, promptVersion: first.promptVersion, usage: fresh.slice(1).reduce((sum, call) => addUsage(sum, call.usage), first.usage) };
}

/**
 * One BullMQ worker per step. Each run: load the state (the first step creates it from the alert), skip the work if
 * this step already finished (a redelivery after a crash), run the handler under a timeout, save the state with a
 * step record, and hand over to the next queue under a deterministic job id. After the last step the report is
 * stored once. When the last try fails, the investigation and its alert end `failed` with the reason.
 */
export function startPipeline(deps: PipelineDeps, options: PipelineOptions = {}): { queues: Record<Step, Queue<StepJob>>; close: () => Promise<void> } {
  const { es, config } = deps;
  const now = deps.now ?? (() => new Date());
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.stepTimeoutMs ?? 120_000;
  const queues = pipelineQueues(config, attempts);
  // While Elasticsearch is away every step would fail: steps wait for it instead of spending their tries.
  const outage = new Backoff(1_000, options.outageBackoffMaxMs ?? 30_000);

  const handOver = async (investigation: Investigation, step: Step): Promise<void> => {
    const next = nextStep(step);
    if (next) {
      await queues[next].add(next, { alertId: investigation.alertId, investigationId: investigation.id }, { jobId: stepJobId(investigation.id, next) });
      return;
    }
    if (!investigation.report) throw new SocAgentError('INVESTIGATION_STATE_INVALID', `${investigation.id} finished without a report`, { investigationId: investigation.id });
    await saveReportOnce(es, config.prefix, investigation.id, investigation.report, now(), investigation.alert.severity);
    await setAlertStatus(es, config.prefix, investigation.alertId, 'investigated', now());
  };

  // Every log line and span inside a step run carries its investigation, alert, step and attempt.
  const processor = (step: Step) => async (job: Job) => {
    const parsed = StepJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id ?? '?'} of ${step} carries no alert id`);
    const { alertId } = parsed.data;
    const investigationId = parsed.data.investigationId ?? investigationIdFor(alertId);
    const attempt = job.attemptsMade + 1;
    const spanAttributes = { 'soc.investigation_id': investigationId, 'soc.alert_id': alertId, 'soc.step': step, 'soc.attempt': attempt };
    await withLogContext({ investigationId, alertId, step, attempt }, () => inSpan(`step ${step}`, spanAttributes, () => runStep(step, job, alertId, investigationId)));
  };

  const runStep = async (step: Step, job: Job, alertId: string, investigationId: string): Promise<void> => {
    const log = (entry: Record<string, unknown>): void => deps.log({ investigationId, alertId, step, attempt: job.attemptsMade + 1, ...entry });
    let investigation: Investigation | undefined;
    const begun = now();
    let ranNow = false;
    try {
      investigation = await getInvestigation(es, config.prefix, investigationId);
      if (!investigation) {
        if (step !== FIRST_STEP) throw new UnrecoverableError(`no saved state for ${investigationId}`);
        const alert = await getAlert(es, config.prefix, alertId);
        if (!alert) throw new UnrecoverableError(`alert ${alertId} does not exist`);
        investigation = newInvestigation(alert, investigationId, now());
        await setAlertStatus(es, config.prefix, alertId, 'investigating', now());
      }
      if (stepDone(investigation, step)) {
        log({ msg: 'step already done; handing over' });
      } else {
        log({ msg: 'step started' });
        const started = now();
        const before: Investigation = investigation;
        const after = await withTimeout((signal) => deps.handlers[step](before, { now, attempt: job.attemptsMade + 1, signal }), timeoutMs, step);
        const finished = now();
        const record: StepRecord = {
          step,
          startedAt: started.toISOString(),
          finishedAt: finished.toISOString(),
          durationMs: finished.getTime() - started.getTime(),
          attempt: job.attemptsMade + 1,
          ...modelUsageOfRun(before, after, step),
        };
        investigation = { ...after, step, updatedAt: finished.toISOString(), steps: [...after.steps, record] };
        await saveInvestigation(es, config.prefix, investigation);
        ranNow = true;
        deps.metrics?.observeStep(step, 'done', record.durationMs, record);
        log({ msg: 'step done', duration_ms: record.durationMs });
      }
      await handOver(investigation, step);
      outage.reset();
      if (ranNow && !nextStep(step)) deps.metrics?.observeFinished(investigation);
    } catch (err) {
      if (isElasticsearchUnavailable(err)) {
        // Back to its queue without spending a try; the queue's workers pause, everywhere, for a growing while.
        const delayMs = outage.next();
        log({ msg: 'Elasticsearch unavailable: the step goes back to its queue', level: 'warn', delay_ms: delayMs, error: err instanceof Error ? err.message : String(err) });
        await queues[step].rateLimit(delayMs);
        throw Worker.RateLimitError();
      }
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const code = err instanceof SocAgentError ? err.code : 'STEP_FAILED';
      const message = err instanceof Error ? err.message : String(err);
      log({ msg: final ? 'step failed for good' : 'step failed; will retry', code, error: message });
      deps.metrics?.observeStep(step, final ? 'failed' : 'retry', now().getTime() - begun.getTime());
      if (investigation) {
        const failed: Investigation = {
          ...investigation,
          ...(final ? { status: 'failed' as const, step } : {}),
          errors: [...investigation.errors, { step, code, message: message.slice(0, 2_000), at: now().toISOString() }].slice(-50),
          updatedAt: now().toISOString(),
        };
        await saveInvestigation(es, config.prefix, failed);
      }
      if (final) {
        await setAlertStatus(es, config.prefix, alertId, 'failed', now());
        if (investigation) deps.metrics?.observeFinished({ ...investigation, status: 'failed' });
      }
      throw err;
    }
  };

  const workers = (options.steps ?? STEPS).map((step) => {
    const worker = new Worker(step, processor(step), {
      connection: { url: config.redis.url },
      prefix: config.queuePrefix,
      concurrency: options.concurrency?.[step] ?? 2,
      // The lock must outlive the longest step, or a slow step would be taken for a dead worker.
      lockDuration: options.lockDurationMs ?? timeoutMs + 30_000,
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    });
    // Connection losses and jobs that vanished with a flushed Redis surface here; the reconciler repairs the
    // latter, so they are logged, one line each, rather than printed as stack traces.
    worker.on('error', (err) => deps.log({ msg: 'worker error', level: 'warn', step, error: err.message }));
    return worker;
  });
  return {
    queues,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}
