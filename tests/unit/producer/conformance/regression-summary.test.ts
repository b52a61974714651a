import { describe, expect, it } from 'vitest';
import { renderRegressionSummary, summarizeRegression } from '../../../../src/producer/conformance/regression-summary.js';
import type { SampleOutcome } from '../../../../src/producer/conformance/sample-outcome.js';

const sample = (outcome: SampleOutcome['outcome'], extra: Partial<SampleOutcome> = {}): SampleOutcome => ({
  folder: 'f',
  ruleId: `rule-${outcome}`,
  outcome,
  ...extra,
});

const outcomes: SampleOutcome[] = [
  sample('matched', { events: 3, hits: 1, expectedMatches: 1 }),
  sample('matched', { events: 3, hits: 3, expectedMatches: 1 }),
  sample('matched', { events: 1, hits: 1 }),
  sample('not_matched', {
    ruleTitle: 'Missed Rule',
    sampleFile: 'f/missed.json',
    events: 1,
    hits: 0,
    expectedMatches: 1,
    reason: 'must_not[0] excluded it: {}',
  }),
  sample('sample_unmappable', { reason: 'no collected channel among System' }),
  sample('rule_unmapped'),
  sample('rule_not_in_set'),
  sample('rule_unsupported', { reason: 'unsupported: modifier fieldref' }),
];

describe('summarizeRegression', () => {
  it('measures matches against every sample whose rule compiles, unmappable samples included', () => {
    const summary = summarizeRegression(outcomes);
    expect(summary).toMatchObject({ total: 8, ruleCompiled: 5, indexed: 4, matchedPercentOfCompiled: 60, matchedPercentOfIndexed: 75 });
    expect(summary.byOutcome).toEqual({
      matched: 3,
      not_matched: 1,
      rule_not_in_set: 1,
      rule_unmapped: 1,
      rule_unsupported: 1,
      sample_missing: 0,
      sample_unmappable: 1,
    });
  });

  it('counts an exact match only where info.yml states a count and the hits equal it', () => {
    expect(summarizeRegression(outcomes)).toMatchObject({ withExpectedCount: 3, exactCount: 1 });
  });

  it('reports zero rather than NaN when no rule compiles', () => {
    expect(summarizeRegression([sample('rule_unmapped')])).toMatchObject({ matchedPercentOfCompiled: 0, matchedPercentOfIndexed: 0 });
  });
});

describe('renderRegressionSummary', () => {
  it('lists each miss with its rule, sample and reason, and each untested sample of a rule we map', () => {
    const text = renderRegressionSummary(summarizeRegression(outcomes), outcomes);
    expect(text).toContain('matched 3 of 5 samples whose rule compiles: 60%');
    expect(text).toContain('    rule-not_matched Missed Rule\n      sample: f/missed.json\n      why: must_not[0] excluded it: {}\n');
    expect(text).toMatch(/sample_unmappable +rule-sample_unmappable no collected channel among System/);
    expect(text).toMatch(/rule_unsupported +rule-rule_unsupported unsupported: modifier fieldref/);
  });
});
