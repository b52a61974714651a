import type { Step } from '../domain/step.js';
import type { AlertTiming } from '../store/alert-timings.js';
import type { InvestigationFacts } from '../store/investigation-queries.js';

export const QUANTILES = [0.5, 0.9, 0.99] as const;

export interface Distribution {
  count: number;
  /** Quantile → value, nearest rank; empty when there are no values. */
  quantiles: Map<number, number>;
}

export interface TokenTotal {
  step: Step;
  kind: 'input' | 'output' | 'cache_read' | 'cache_write';
  tokens: number;
}

/** The pipeline as the newest investigations and alerts show it; computed at scrape time, not accumulated. */
export interface PipelineSnapshot {
  investigations: number;
  alerts: number;
  /** Seconds per run of a step. */
  stepDurations: Map<Step, Distribution>;
  byStatus: Map<string, number>;
  /** `none` for investigations that have no verdict (yet, or ever). */
  byVerdict: Map<string, number>;
  tokens: TokenTotal[];
  costUsd: Map<Step, number>;
  /** Seconds from an alert's first matched event to the alert. */
  detectionLatency: Distribution;
}

function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const quantiles = new Map<number, number>();
  if (sorted.length > 0) {
    for (const q of QUANTILES) quantiles.set(q, sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0);
  }
  return { count: sorted.length, quantiles };
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function summarisePipeline(investigations: readonly InvestigationFacts[], alerts: readonly AlertTiming[]): PipelineSnapshot {
  const durations = new Map<Step, number[]>();
  const byStatus = new Map<string, number>();
  const byVerdict = new Map<string, number>();
  const tokens = new Map<string, TokenTotal>();
  const costUsd = new Map<Step, number>();
  for (const investigation of investigations) {
    increment(byStatus, investigation.status);
    increment(byVerdict, investigation.assessment?.verdict.disposition ?? 'none');
    for (const record of investigation.steps) durations.set(record.step, [...(durations.get(record.step) ?? []), record.durationMs / 1000]);
    for (const call of investigation.modelCalls ?? []) {
      const kinds: [TokenTotal['kind'], number][] = [
        ['input', call.usage.inputTokens],
        ['output', call.usage.outputTokens],
        ['cache_read', call.usage.cacheReadTokens],
        ['cache_write', call.usage.cacheWriteTokens],
      ];
      for (const [kind, count] of kinds) {
        const key = `${call.step}/${kind}`;
        const total = tokens.get(key) ?? { step: call.step, kind, tokens: 0 };
        tokens.set(key, { ...total, tokens: total.tokens + count });
      }
      increment(costUsd, call.step, call.usage.costUsd);
    }
  }
  const latencies = alerts.map((alert) => (Date.parse(alert.createdAt) - Date.parse(alert.firstSeen)) / 1000).filter((seconds) => Number.isFinite(seconds) && seconds >= 0);
  return {
    investigations: investigations.length,
    alerts: alerts.length,
    stepDurations: new Map([...durations].map(([step, values]) => [step, distribution(values)])),
    byStatus,
    byVerdict,
    tokens: [...tokens.values()],
    costUsd,
    detectionLatency: distribution(latencies),
  };
}
