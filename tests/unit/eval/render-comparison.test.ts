import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/eval/compare-runs.js';
import { renderComparison } from '../../../src/eval/render-comparison.js';
import { makeEvalResult, scoredPair } from '../../support/eval-records.js';

function run(n: number, wrong: number, name: string) {
  const pairs = Array.from({ length: n }, (_, index) => scoredPair(`s${index}`, {}, index < wrong ? { verdict: 'benign', probability: 0.1 } : {}));
  return makeEvalResult(pairs.map((pair) => pair.scenario), pairs.map((pair) => pair.investigation), { name });
}

describe('renderComparison', () => {
  it('marks a significant drop in bold and names it at the end', () => {
    const text = renderComparison(compareRuns(run(40, 0, 'before'), run(40, 10, 'after')));
    expect(text.split('\n')[0]).toBe('# before → after');
    expect(text).toMatch(/\| Verdict accuracy \| 1\.000 \| 0\.750 \| -0\.250 \| \*\*DROP\*\* \|/);
    expect(text.trimEnd().split('\n').at(-1)).toContain('Significant drops: verdict.accuracy');
  });

  it('says so when two runs are the same', () => {
    const text = renderComparison(compareRuns(run(5, 0, 'a'), run(5, 0, 'b')));
    expect(text).toContain('Same analyst, models, prompts, runbooks, seeds and revision.');
    expect(text).toContain('No significant drop.');
  });
});
