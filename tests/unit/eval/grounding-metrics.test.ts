import { describe, expect, it } from 'vitest';
import { citationCounts, groundingMetrics } from '../../../src/eval/grounding-metrics.js';

describe('citationCounts', () => {
  it('splits citations into those a tool returned and those nobody did, counting repeats once', () => {
    expect(citationCounts(['e1', 'e2', 'e2', 'forged'], new Set(['e1', 'e2', 'e3']), 2)).toEqual({ valid: 2, invalid: 1, dropped: 2 });
  });
});

describe('groundingMetrics', () => {
  it('gives the share of valid citations over every citation made, dropped ones included', () => {
    const metrics = groundingMetrics([
      { valid: 3, invalid: 0, dropped: 0 },
      { valid: 1, invalid: 0, dropped: 1 },
      { valid: 0, invalid: 1, dropped: 0 },
    ]);
    expect(metrics).toMatchObject({ reports: 3, citations: 6, validCitations: 4, reportsWithUngroundedClaims: 2 });
    expect(metrics.validShare).toBeCloseTo(4 / 6, 12);
    expect(metrics.ungroundedReportShare).toBeCloseTo(2 / 3, 12);
  });

  it('is 100% grounded when every citation is valid', () => {
    expect(groundingMetrics([{ valid: 2, invalid: 0, dropped: 0 }])).toMatchObject({ validShare: 1, ungroundedReportShare: 0 });
  });

  it('leaves the valid share unmeasured when no report cited anything', () => {
    expect(groundingMetrics([{ valid: 0, invalid: 0, dropped: 0 }])).toMatchObject({ citations: 0, validShare: null, ungroundedReportShare: 0 });
    expect(groundingMetrics([])).toMatchObject({ reports: 0, validShare: null, ungroundedReportShare: null });
  });
});
