import { describe, expect, it } from 'vitest';
import { ConditionSchema, FactPathSchema, RunbookFrontMatterSchema, SignalSchema } from '../../../src/domain/runbook.js';

describe('ConditionSchema', () => {
  it('accepts nested all/any/not over fact tests', () => {
    const condition = { all: [{ evidence: 'failures', path: 'total', op: 'gte', value: 5 }, { not: { any: [{ evidence: 'source_ip', path: 'organisation.knownService', op: 'exists' }] } }] };
    expect(ConditionSchema.safeParse(condition).success).toBe(true);
  });

  it.each([
    ['an unknown operator', { evidence: 'x', path: 'a', op: 'matches', value: '.*' }],
    ['exists with a value', { evidence: 'x', path: 'a', op: 'exists', value: 1 }],
    ['gte with a string', { evidence: 'x', path: 'a', op: 'gte', value: 'ten' }],
    ['in without a list', { evidence: 'x', path: 'a', op: 'in', value: 'one' }],
    ['eq without a value', { evidence: 'x', path: 'a', op: 'eq' }],
    ['within_hours with a number', { evidence: 'x', path: 'hours', op: 'within_hours', value: 3 }],
    ['an extra key (no code smuggled in)', { evidence: 'x', path: 'a', op: 'eq', value: 1, script: 'process.exit()' }],
    ['an empty all', { all: [] }],
  ])('refuses %s', (_what, condition) => {
    expect(ConditionSchema.safeParse(condition).success).toBe(false);
  });

  it('accepts a reference to another fact as the value', () => {
    expect(ConditionSchema.safeParse({ evidence: 'source_ip', path: 'organisation.host.owner', op: 'eq', value: { ref: { evidence: 'alert', path: 'entities.users[0]' } } }).success).toBe(true);
  });
});

describe('FactPathSchema', () => {
  it.each(['total', 'aggregations.topSourceIps[0].value', 'assessment.malicious.length'])('accepts %s', (path) => {
    expect(FactPathSchema.safeParse(path).success).toBe(true);
  });

  it.each(['__proto__.x', 'a.constructor', 'a..b', 'a[-1]', 'a.b()', ''])('refuses %j', (path) => {
    expect(FactPathSchema.safeParse(path).success).toBe(false);
  });
});

describe('SignalSchema', () => {
  it('refuses a weight of 0 or beyond ±5', () => {
    const signal = { id: 'x', description: 'X', when: { evidence: 'alert', path: 'severity', op: 'eq', value: 'high' } };
    expect(SignalSchema.safeParse({ ...signal, weight: 0 }).success).toBe(false);
    expect(SignalSchema.safeParse({ ...signal, weight: 5.5 }).success).toBe(false);
    expect(SignalSchema.safeParse({ ...signal, weight: -2.5 }).success).toBe(true);
  });
});

describe('RunbookFrontMatterSchema', () => {
  it('refuses a runbook that applies to nothing', () => {
    const front = {
      name: 'x',
      title: 'X',
      version: '1.0.0',
      applies_to: {},
      steps: [{ id: 'alert', tool: 'get_alert', arguments: {}, purpose: 'p' }],
      signals: [],
      actions: [{ id: 'close_alert', description: 'c', dispositions: ['benign'] }],
      false_positives: ['none'],
    };
    expect(RunbookFrontMatterSchema.safeParse(front).success).toBe(false);
    expect(RunbookFrontMatterSchema.safeParse({ ...front, applies_to: { fallback: true } }).success).toBe(true);
    expect(RunbookFrontMatterSchema.safeParse({ ...front, applies_to: { fallback: true }, steps: [{ id: 'alert', tool: 'run_shell', arguments: {}, purpose: 'p' }] }).success).toBe(false);
  });
});
