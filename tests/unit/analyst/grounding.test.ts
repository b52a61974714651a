import { describe, expect, it } from 'vitest';
import { checkGrounding, groundVerdict, knownEventIds } from '../../../src/analyst/grounding.js';
import type { Verdict } from '../../../src/domain/verdict.js';
import { makeAlert } from '../../support/alert-builder.js';
import { makeEvidence } from './support/evidence-builders.js';

const alert = makeAlert({ sampleEventIds: ['alert0001'] });
const evidence = [makeEvidence('failures', 'search_events', { total: 2 }, ['evt0001', 'evt0002'])];
const known = knownEventIds(alert, evidence);

const verdict = (overrides: Partial<Verdict> = {}): Verdict => ({
  disposition: 'malicious',
  confidence: 0.9,
  rationale: 'Many failures from a listed address.',
  recommendedAction: 'Block it.',
  responseActions: ['block_source_ip'],
  escalationTier: 'tier2',
  escalationReason: 'Malicious.',
  citedEventIds: ['evt0001'],
  ungroundedClaims: 0,
  ...overrides,
});

describe('checkGrounding', () => {
  it('accepts ids returned by a tool and the alert sample ids', () => {
    expect(checkGrounding(['evt0002', 'alert0001'], known)).toEqual({ valid: ['evt0002', 'alert0001'], ungrounded: [] });
  });

  it('flags ids no tool returned, once each', () => {
    expect(checkGrounding(['evt0001', 'made-up', 'made-up'], known)).toEqual({ valid: ['evt0001'], ungrounded: ['made-up'] });
  });
});

describe('groundVerdict', () => {
  it('drops ungrounded citations, counts them and lowers the confidence', () => {
    const grounded = groundVerdict(verdict({ citedEventIds: ['evt0001', 'invented1', 'invented2'] }), alert, known);
    expect(grounded.citedEventIds).toEqual(['evt0001']);
    expect(grounded.ungroundedClaims).toBe(2);
    expect(grounded.confidence).toBeLessThan(0.9);
    expect(grounded.disposition).toBe('malicious');
  });

  it('leaves a fully grounded verdict as it was', () => {
    expect(groundVerdict(verdict(), alert, known)).toEqual(verdict());
  });

  it('turns a verdict with no grounded citation into suspicious at 0.5 for human review', () => {
    const grounded = groundVerdict(verdict({ citedEventIds: ['invented1'] }), alert, known);
    expect(grounded).toMatchObject({ disposition: 'suspicious', confidence: 0.5, citedEventIds: ['alert0001'], ungroundedClaims: 1, escalationTier: 'tier2' });
    expect(grounded.rationale).toContain('Needs human review');
  });

  it('keeps a benign verdict benign when its citations are dropped, at lower confidence', () => {
    const grounded = groundVerdict(verdict({ disposition: 'benign', escalationTier: 'none', citedEventIds: ['invented1'] }), alert, known);
    expect(grounded.disposition).toBe('benign');
    expect(grounded.citedEventIds).toEqual([]);
    expect(grounded.confidence).toBeLessThan(0.9);
  });
});
