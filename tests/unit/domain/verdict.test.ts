import { describe, expect, it } from 'vitest';
import { ESCALATION_ORDER, VerdictSchema } from '../../../src/domain/verdict.js';

const verdict = {
  disposition: 'malicious',
  confidence: 0.9,
  rationale: 'Listed source, 140 failures.',
  recommendedAction: 'Block the source.',
  responseActions: ['block_source_ip'],
  escalationTier: 'tier2',
  escalationReason: 'Malicious.',
  citedEventIds: ['evt0001'],
  ungroundedClaims: 0,
};

describe('VerdictSchema', () => {
  it('accepts a grounded malicious verdict', () => {
    expect(VerdictSchema.parse(verdict)).toEqual(verdict);
  });

  it.each(['malicious', 'suspicious'])('refuses a %s verdict that cites no event', (disposition) => {
    const result = VerdictSchema.safeParse({ ...verdict, disposition, citedEventIds: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['citedEventIds']);
  });

  it('lets a benign verdict cite nothing', () => {
    expect(VerdictSchema.safeParse({ ...verdict, disposition: 'benign', escalationTier: 'none', citedEventIds: [] }).success).toBe(true);
  });

  it('keeps confidence between 0 and 1', () => {
    expect(VerdictSchema.safeParse({ ...verdict, confidence: 1.2 }).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdict, confidence: -0.1 }).success).toBe(false);
  });

  it('orders escalation tiers from none to incident response', () => {
    expect(ESCALATION_ORDER).toEqual(['none', 'tier1', 'tier2', 'incident_response']);
  });
});
