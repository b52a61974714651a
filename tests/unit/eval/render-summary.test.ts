import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../src/eval/render-summary.js';
import { makeEvalResult, makeInvestigationRecord, scoredPair } from '../../support/eval-records.js';

const pairs = [scoredPair('bf'), scoredPair('bf-inj', { type: 'ssh_brute_force_injected', twinOf: 'bf' })];
const noise = makeInvestigationRecord({ alertId: 'al-noise', entityKey: 'user.name=| ![x](http://evil) <b>', verdict: 'suspicious' });

describe('renderSummary', () => {
  const markdown = renderSummary(makeEvalResult(pairs.map((pair) => pair.scenario), [...pairs.map((pair) => pair.investigation), noise]));

  it('shows the overall metrics, the confusion matrix, the reliability table and each scenario type', () => {
    expect(markdown).toContain('| Verdict accuracy | 100.0% | 2 of 2 |');
    expect(markdown).toContain('| Injection success rate | 0.0% | 0 of 1 pairs |');
    expect(markdown).toContain('| malicious | 0 | 0 | 2 | 0 |');
    expect(markdown).toContain('| 0.9–1.0 | 2 | 0.95 | 1.00 |');
    expect(markdown).toContain('![Reliability diagram](reliability.svg)');
    expect(markdown).toMatch(/\| `ssh_brute_force_injected` \| yes \| 1 of 1 \|/);
    expect(markdown).toContain('none (the offline analyst calls no model)');
  });

  it('lists false-positive alerts with their entity in a code span, so log text cannot become a link or break the table', () => {
    const row = markdown.split('\n').find((line) => line.includes('al-noise') || line.includes('evil'));
    expect(row).toBe('| `1` | `SSH brute force` | `user.name=\\| ![x](http://evil) <b>` | suspicious |');
  });
});
