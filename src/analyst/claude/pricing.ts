import type { Usage } from '../../domain/investigation.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Approximate list prices per model family (USD per million tokens), for a cost estimate in the audit trail, not
 * for billing: prices change, and the invoice is the truth. Cache writes cost 1.25× input and cache reads 0.1×
 * input (5-minute ephemeral cache).
 */
export const MODEL_PRICES: Readonly<Record<'opus' | 'sonnet' | 'haiku', ModelPrice>> = {
  opus: { input: 15, output: 75 },
  sonnet: { input: 3, output: 15 },
  haiku: { input: 1, output: 5 },
};

const CACHE_WRITE_FACTOR = 1.25;
const CACHE_READ_FACTOR = 0.1;

/** The family's price; an unknown model is priced as opus so that the estimate errs high, never low. */
export function priceOf(model: string): ModelPrice {
  const name = model.toLowerCase();
  if (name.includes('haiku')) return MODEL_PRICES.haiku;
  if (name.includes('sonnet')) return MODEL_PRICES.sonnet;
  return MODEL_PRICES.opus;
}

export type TokenCounts = Omit<Usage, 'costUsd'>;

/** Tokens and the approximate cost of one or more requests to `model`. */
export function estimateUsage(model: string, tokens: TokenCounts): Usage {
  const price = priceOf(model);
  const costUsd =
    (tokens.inputTokens * price.input +
      tokens.outputTokens * price.output +
      tokens.cacheWriteTokens * price.input * CACHE_WRITE_FACTOR +
      tokens.cacheReadTokens * price.input * CACHE_READ_FACTOR) /
    1_000_000;
  return { ...tokens, costUsd: Math.round(costUsd * 1_000_000) / 1_000_000 };
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 };

/** Sum of two usages (cost re-added, not re-estimated, so mixed models stay right). */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    costUsd: Math.round((a.costUsd + b.costUsd) * 1_000_000) / 1_000_000,
  };
}

/** Every token a request processed, cached or not: what the per-investigation budget counts. */
export const totalTokens = (usage: Usage): number => usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
