import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Investigation, StepRecord } from '../domain/investigation.js';
import type { Step } from '../domain/step.js';

/** Seconds; steps range from milliseconds (offline) to minutes (a model's tool loop). */
const STEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * What a step worker process measures as it works, for its own `/metrics`. Counters are per process: Prometheus
 * sums them over the replicas of a step.
 */
export class PipelineMetrics {
  readonly registry: Registry;
  private readonly stepDuration: Histogram<'step' | 'outcome'>;
  private readonly investigationsFinished: Counter<'status' | 'verdict'>;
  private readonly modelTokens: Counter<'step' | 'kind'>;
  private readonly modelCost: Counter<'step'>;

  constructor(registry = new Registry()) {
    this.registry = registry;
    collectDefaultMetrics({ register: registry, prefix: 'soc_agent_' });
    this.stepDuration = new Histogram({
      name: 'soc_agent_worker_step_duration_seconds',
      help: 'Duration of one run of one pipeline step in this process, by outcome (done, retry, failed).',
      labelNames: ['step', 'outcome'],
      buckets: STEP_BUCKETS,
      registers: [registry],
    });
    this.investigationsFinished = new Counter({
      name: 'soc_agent_worker_investigations_finished_total',
      help: 'Investigations this process finished (report written, or failed for good), by status and verdict.',
      labelNames: ['status', 'verdict'],
      registers: [registry],
    });
    this.modelTokens = new Counter({
      name: 'soc_agent_worker_model_tokens_total',
      help: 'Model tokens spent by the steps this process ran, by kind (input, output, cache_read, cache_write).',
      labelNames: ['step', 'kind'],
      registers: [registry],
    });
    this.modelCost = new Counter({
      name: 'soc_agent_worker_model_cost_usd_total',
      help: 'Approximate model cost in US dollars of the steps this process ran.',
      labelNames: ['step'],
      registers: [registry],
    });
  }

  observeStep(step: Step, outcome: 'done' | 'retry' | 'failed', durationMs: number, record?: StepRecord): void {
    this.stepDuration.observe({ step, outcome }, durationMs / 1000);
    const usage = record?.usage;
    if (!usage) return;
    this.modelTokens.inc({ step, kind: 'input' }, usage.inputTokens);
    this.modelTokens.inc({ step, kind: 'output' }, usage.outputTokens);
    this.modelTokens.inc({ step, kind: 'cache_read' }, usage.cacheReadTokens);
    this.modelTokens.inc({ step, kind: 'cache_write' }, usage.cacheWriteTokens);
    this.modelCost.inc({ step }, usage.costUsd);
  }

  observeFinished(investigation: Investigation): void {
    this.investigationsFinished.inc({ status: investigation.status, verdict: investigation.assessment?.verdict.disposition ?? 'none' });
  }
}
