import { describe, expect, it } from 'vitest';
import { compareRuns, compareShare, compareValue, twoProportionZ } from '../../../src/eval/compare-runs.js';
import type { InvestigationRecord } from '../../../src/eval/investigation-record.js';
import { makeEvalResult, scoredPair } from '../../support/eval-records.js';

/** A run of `n` malicious scenarios of which the first `wrong` got a benign verdict. */
function run(n: number, wrong: number, overrides: Parameters<typeof makeEvalResult>[2] = {}, investigation: Partial<InvestigationRecord> = {}) {
  const pairs = Array.from({ length: n }, (_, index) => scoredPair(`s${index}`, {}, index < wrong ? { verdict: 'benign', probability: 0.1, ...investigation } : investigation));
  return makeEvalResult(
    pairs.map((pair) => pair.scenario),
    pairs.map((pair) => pair.investigation),
    overrides,
  );
}

describe('compareRuns', () => {
  it('flags a drop in verdict accuracy from 60 of 60 to 48 of 60 as significant', () => {
    const comparison = compareRuns(run(60, 0), run(60, 12));
    const verdict = comparison.metrics.find((change) => change.metric === 'verdict.accuracy');
    expect(verdict).toMatchObject({ before: 1, after: 0.8, worse: true, significant: true });
    expect(verdict?.delta).toBeCloseTo(-0.2, 12);
    expect(comparison.significantDrops).toContain('verdict.accuracy');
  });

  it('does not flag one verdict of sixty going the other way as a regression', () => {
    const comparison = compareRuns(run(60, 1), run(60, 2));
    const verdict = comparison.metrics.find((change) => change.metric === 'verdict.accuracy');
    expect(verdict).toMatchObject({ worse: true, significant: false });
    expect(comparison.significantDrops).not.toContain('verdict.accuracy');
  });

  it('never flags an improvement', () => {
    expect(compareRuns(run(60, 12), run(60, 0)).significantDrops).toEqual([]);
  });

  it('names what differs between the runs: analyst, models, prompt files and revision', () => {
    const before = run(4, 0);
    const after = run(4, 0, {
      analyst: 'claude',
      models: { classify: 'claude-haiku-4-5', select_runbook: 'claude-haiku-4-5', investigate: 'claude-sonnet-4-5', assess: 'claude-sonnet-4-5', summarize: 'claude-haiku-4-5', respond: 'claude-haiku-4-5' },
      prompts: [{ file: 'prompts/assess.txt', sha256: 'd'.repeat(64) }],
      git: { revision: 'e'.repeat(40), dirty: true },
    });
    const what = compareRuns(before, after).context.map((change) => change.what);
    expect(what).toEqual(expect.arrayContaining(['analyst', 'models', 'prompt prompts/assess.txt', 'git revision']));
    expect(what).not.toContain('runbook runbooks/brute-force.md');
  });

  it('flags a cost per investigation more than 20% higher, not one 10% higher', () => {
    const usage = (costUsd: number): Partial<InvestigationRecord> => ({ modelCalls: [{ step: 'assess', model: 'claude-sonnet-4-5', requests: 1, usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd } }] });
    const base = run(10, 0, {}, usage(0.1));
    expect(compareRuns(base, run(10, 0, {}, usage(0.13))).significantDrops).toContain('usage.meanCostUsd');
    expect(compareRuns(base, run(10, 0, {}, usage(0.11))).significantDrops).not.toContain('usage.meanCostUsd');
  });

  it('compares verdict accuracy per scenario type', () => {
    const comparison = compareRuns(run(40, 0), run(40, 20));
    expect(comparison.scenarioTypes).toEqual([expect.objectContaining({ metric: 'byScenarioType.ssh_brute_force.verdictAccuracy', significant: true })]);
  });
});

describe('compareShare and compareValue', () => {
  it('treats a rise in a lower-is-better share as worse', () => {
    expect(compareShare('injection.successRate', 'Injection', 'lower', { value: 0, n: 40 }, { value: 0.25, n: 40 })).toMatchObject({ worse: true, significant: true });
  });

  it('says not measured when one run lacks the figure', () => {
    expect(compareShare('x', 'x', 'higher', { value: null, n: 0 }, { value: 0.5, n: 10 })).toMatchObject({ delta: null, significant: false, rule: 'not measured in both runs' });
    expect(compareValue('x', 'x', 'lower', 0.1, null, { absolute: 0.02 })).toMatchObject({ delta: null, significant: false });
  });

  it('flags a Brier score worse by more than its tolerance only', () => {
    expect(compareValue('calibration.brier', 'Brier', 'lower', 0.05, 0.06, { absolute: 0.02 }).significant).toBe(false);
    expect(compareValue('calibration.brier', 'Brier', 'lower', 0.05, 0.09, { absolute: 0.02 }).significant).toBe(true);
  });

  it('computes the two-proportion z by hand', () => {
    // pooled 0.9, variance 0.9 · 0.1 · (1/50 + 1/50) = 0.0036, z = 0.1 / 0.06.
    expect(twoProportionZ(0.95, 50, 0.85, 50, 'higher')).toBeCloseTo(0.1 / 0.06, 9);
    expect(twoProportionZ(1, 10, 1, 10, 'higher')).toBe(0);
  });
});
