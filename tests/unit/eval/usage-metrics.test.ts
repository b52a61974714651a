import { describe, expect, it } from 'vitest';
import type { Usage } from '../../../src/domain/investigation.js';
import { usageMetrics, type InvestigationCost } from '../../../src/eval/usage-metrics.js';

const usage = (inputTokens: number, outputTokens: number, costUsd: number): Usage => ({ inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd });

const claudeRun: InvestigationCost = {
  steps: [
    { step: 'classify', durationMs: 100, attempt: 1 },
    { step: 'investigate', durationMs: 900, attempt: 1 },
    { step: 'investigate', durationMs: 1_100, attempt: 2 },
  ],
  modelCalls: [
    { step: 'classify', model: 'claude-haiku-4-5', requests: 1, usage: usage(1_000, 100, 0.0015) },
    { step: 'investigate', model: 'claude-sonnet-4-5', requests: 3, usage: usage(5_000, 500, 0.0225) },
  ],
  endToEndMs: 4_000,
};
const offlineRun: InvestigationCost = { steps: [{ step: 'classify', durationMs: 10, attempt: 1 }, { step: 'investigate', durationMs: 300, attempt: 1 }], modelCalls: [], endToEndMs: 2_000 };

describe('usageMetrics', () => {
  it('sums tokens and cost per step and per investigation, and times every run of a step', () => {
    const metrics = usageMetrics([claudeRun, offlineRun]);
    const investigate = metrics.perStep.find((step) => step.step === 'investigate');
    expect(investigate).toMatchObject({ runs: 3, requests: 3, inputTokens: 5_000, outputTokens: 500, costUsd: 0.0225, p50Ms: 900, p95Ms: 1_100 });
    expect(investigate?.meanMs).toBeCloseTo(2_300 / 3, 9);
    expect(metrics.perStep.find((step) => step.step === 'respond')).toMatchObject({ runs: 0, meanMs: null, costUsd: 0 });
    expect(metrics.total).toMatchObject({ requests: 4, inputTokens: 6_000, outputTokens: 600, costUsd: 0.024 });
    expect(metrics.perInvestigation).toMatchObject({ investigations: 2, meanStepMs: (2_100 + 310) / 2, meanEndToEndMs: 3_000, meanTokens: 3_300, meanCostUsd: 0.012 });
  });

  it('reports zero tokens and cost, not nothing, for the offline analyst', () => {
    expect(usageMetrics([offlineRun]).perInvestigation).toMatchObject({ meanTokens: 0, meanCostUsd: 0 });
  });

  it('leaves every figure unmeasured with no investigations', () => {
    expect(usageMetrics([]).perInvestigation).toMatchObject({ investigations: 0, meanStepMs: null, meanCostUsd: null });
  });
});
