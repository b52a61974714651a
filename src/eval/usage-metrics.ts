import { z } from 'zod';
import { StepSchema, UsageSchema, type Usage } from '../domain/investigation.js';
import { STEPS } from '../domain/step.js';
import { mean, percentile } from './statistics.js';

const Count = z.number().int().min(0);
const Ms = z.number().min(0).nullable();

/** What one investigation spent, as the eval keeps it. */
export const InvestigationCostSchema = z.object({
  /** One record per run of a step (a retried step has several). */
  steps: z.array(z.object({ step: StepSchema, durationMs: z.number().int().min(0), attempt: z.number().int().min(1) })),
  modelCalls: z.array(z.object({ step: StepSchema, model: z.string(), requests: Count, usage: UsageSchema })),
  /** From the investigation's creation to its last saved state: queue waits included. */
  endToEndMs: z.number().int().min(0).nullable(),
});
export type InvestigationCost = z.infer<typeof InvestigationCostSchema>;

export const TokenTotalsSchema = z.object({
  requests: Count,
  inputTokens: Count,
  outputTokens: Count,
  cacheReadTokens: Count,
  cacheWriteTokens: Count,
  /** US dollars, estimated from list prices (`src/analyst/claude/pricing.ts`). */
  costUsd: z.number().min(0),
});
export type TokenTotals = z.infer<typeof TokenTotalsSchema>;

export const StepUsageSchema = TokenTotalsSchema.extend({
  step: StepSchema,
  runs: Count,
  meanMs: Ms,
  p50Ms: Ms,
  p95Ms: Ms,
});
export type StepUsage = z.infer<typeof StepUsageSchema>;

export const UsageMetricsSchema = z.object({
  perStep: z.array(StepUsageSchema),
  perInvestigation: z.object({
    investigations: Count,
    /** Time spent inside the steps, summed per investigation. */
    meanStepMs: Ms,
    p50StepMs: Ms,
    p95StepMs: Ms,
    meanEndToEndMs: Ms,
    p95EndToEndMs: Ms,
    meanTokens: z.number().min(0).nullable(),
    meanCostUsd: z.number().min(0).nullable(),
  }),
  total: TokenTotalsSchema,
});
export type UsageMetrics = z.infer<typeof UsageMetricsSchema>;

const ZERO: TokenTotals = { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 };

function add(totals: TokenTotals, requests: number, usage: Usage): TokenTotals {
  return {
    requests: totals.requests + requests,
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    cacheReadTokens: totals.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: totals.cacheWriteTokens + usage.cacheWriteTokens,
    // Micro-dollars, as the pricing module rounds, so sums of many calls do not drift.
    costUsd: Math.round((totals.costUsd + usage.costUsd) * 1_000_000) / 1_000_000,
  };
}

const tokensOf = (totals: TokenTotals): number => totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;

function totalsOf(calls: InvestigationCost['modelCalls']): TokenTotals {
  return calls.reduce((sum, call) => add(sum, call.requests, call.usage), ZERO);
}

/** Latency per step run and per investigation, tokens and cost per step and per investigation (zeros offline). */
export function usageMetrics(investigations: readonly InvestigationCost[]): UsageMetrics {
  const perStep = STEPS.map((step): StepUsage => {
    const durations = investigations.flatMap((item) => item.steps.filter((record) => record.step === step).map((record) => record.durationMs));
    return {
      step,
      runs: durations.length,
      meanMs: mean(durations),
      p50Ms: percentile(durations, 50),
      p95Ms: percentile(durations, 95),
      ...totalsOf(investigations.flatMap((item) => item.modelCalls.filter((call) => call.step === step))),
    };
  });
  const stepTimes = investigations.map((item) => item.steps.reduce((sum, record) => sum + record.durationMs, 0));
  const endToEnd = investigations.flatMap((item) => (item.endToEndMs === null ? [] : [item.endToEndMs]));
  const perInvestigationTotals = investigations.map((item) => totalsOf(item.modelCalls));
  return {
    perStep,
    perInvestigation: {
      investigations: investigations.length,
      meanStepMs: mean(stepTimes),
      p50StepMs: percentile(stepTimes, 50),
      p95StepMs: percentile(stepTimes, 95),
      meanEndToEndMs: mean(endToEnd),
      p95EndToEndMs: percentile(endToEnd, 95),
      meanTokens: mean(perInvestigationTotals.map(tokensOf)),
      meanCostUsd: mean(perInvestigationTotals.map((totals) => totals.costUsd)),
    },
    total: totalsOf(investigations.flatMap((item) => item.modelCalls)),
  };
}
