import { describe, expect, it } from 'vitest';
import { addUsage, estimateUsage, priceOf, totalTokens } from '../../../../src/analyst/claude/pricing.js';

const MILLION = { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('estimateUsage', () => {
  it('prices a million sonnet input tokens at the sonnet input price', () => {
    expect(estimateUsage('claude-sonnet-4-5', MILLION).costUsd).toBe(3);
  });

  it('prices cache reads at a tenth and cache writes at 1.25 times the input price', () => {
    expect(estimateUsage('claude-haiku-4-5', { ...MILLION, inputTokens: 0, cacheReadTokens: 1_000_000 }).costUsd).toBeCloseTo(0.1);
    expect(estimateUsage('claude-haiku-4-5', { ...MILLION, inputTokens: 0, cacheWriteTokens: 1_000_000 }).costUsd).toBeCloseTo(1.25);
  });

  it('prices an unknown model as the most expensive family so the estimate errs high', () => {
    expect(priceOf('some-new-model')).toEqual(priceOf('claude-opus-4-1'));
  });

  it('adds usages and counts cached tokens towards the budget', () => {
    const sum = addUsage(estimateUsage('claude-haiku-4-5', { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 0 }), estimateUsage('claude-sonnet-4-5', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 50 }));
    expect(totalTokens(sum)).toBe(167);
  });
});
