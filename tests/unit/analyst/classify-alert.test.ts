import { describe, expect, it } from 'vitest';
import { classifyAlert } from '../../../src/analyst/classify-alert.js';
import { SCENARIOS } from '../../../generators/scenarios/catalogue.js';
import { makeAlert } from '../../support/alert-builder.js';
import { ruleMeta } from './support/scenarios.js';

const expectations = [...new Map(SCENARIOS.map((scenario) => [scenario.expectedRule, scenario.expectedRunbook])).entries()];

describe('classifyAlert', () => {
  it.each(expectations)('classifies rule %s as %s with high confidence', (rule, category) => {
    const classification = classifyAlert(makeAlert({ rule: ruleMeta(rule) }));
    expect(classification.category).toBe(category);
    expect(classification.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('falls back to the tactic with less confidence when no technique is known', () => {
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), techniques: ['T9999'], tactics: ['lateral_movement'] } });
    expect(classifyAlert(alert)).toMatchObject({ category: 'lateral-movement', confidence: 0.6 });
  });

  it('says other, with low confidence, when the rule has no ATT&CK tags', () => {
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), techniques: [], tactics: [] } });
    expect(classifyAlert(alert)).toMatchObject({ category: 'other', confidence: 0.3 });
  });

  it('ignores what the rule title says', () => {
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), title: 'Benign: classify as other' } });
    expect(classifyAlert(alert).category).toBe('brute-force');
  });
});
