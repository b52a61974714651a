import type { Alert } from '../domain/alert.js';
import type { Evidence } from '../domain/evidence.js';
import type { Condition, ConditionOp, ConditionValue, FactRef, FactTest } from '../domain/runbook.js';
import { readPath } from './fact-path.js';
import { isWithinHours } from './working-hours.js';

/** Kleene's three values: a fact the tools never returned is `unknown`, and `not unknown` is still `unknown`. */
export type Truth = true | false | 'unknown';

export interface ConditionResult {
  value: Truth;
  /** Ids of the Evidence the condition read; the citations of a signal that fired. */
  evidenceIds: string[];
}

/** What a condition can read: the alert snapshot and the Evidence collected so far. */
export interface Facts {
  alert: Alert;
  evidence: readonly Evidence[];
}

interface FactSource {
  evidenceId?: string;
  data: unknown;
}

/** `alert`, else the Evidence of the step with that id, else every Evidence of the tool with that name. */
function sourcesOf(facts: Facts, name: string): FactSource[] {
  if (name === 'alert') return [{ data: facts.alert }];
  const byStep = facts.evidence.filter((item) => item.stepId === name);
  const chosen = byStep.length > 0 ? byStep : facts.evidence.filter((item) => item.tool === name);
  return chosen.map((item) => ({ evidenceId: item.id, data: item.data }));
}

function resolveRef(facts: Facts, ref: FactRef): { value: unknown; evidenceIds: string[] } {
  for (const source of sourcesOf(facts, ref.evidence)) {
    const value = readPath(source.data, ref.path);
    if (value !== undefined && value !== null) return { value, evidenceIds: source.evidenceId ? [source.evidenceId] : [] };
  }
  return { value: undefined, evidenceIds: [] };
}

function isRef(value: ConditionValue | undefined): value is { ref: FactRef } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings compare case-insensitively, as Windows account, host and IAM names do in logs. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function compare(op: Exclude<ConditionOp, 'exists'>, actual: unknown, expected: unknown): boolean | undefined {
  switch (op) {
    case 'eq':
      return same(actual, expected);
    case 'neq':
      return !same(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return undefined;
      if (op === 'gt') return actual > expected;
      if (op === 'gte') return actual >= expected;
      if (op === 'lt') return actual < expected;
      return actual <= expected;
    }
    case 'in':
      return Array.isArray(expected) ? expected.some((candidate) => same(actual, candidate)) : undefined;
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => same(item, expected));
      if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase().includes(expected.toLowerCase());
      return undefined;
    case 'within_hours':
      return isWithinHours(actual, expected);
  }
}

function evaluateTest(test: FactTest, facts: Facts): ConditionResult {
  const sources = sourcesOf(facts, test.evidence);
  if (sources.length === 0) return { value: 'unknown', evidenceIds: [] };
  const expected = isRef(test.value) ? resolveRef(facts, test.value.ref) : { value: test.value, evidenceIds: [] };
  const results = sources.map((source): ConditionResult => {
    const read = [...(source.evidenceId ? [source.evidenceId] : []), ...expected.evidenceIds];
    const actual = readPath(source.data, test.path);
    if (test.op === 'exists') return { value: actual !== undefined && actual !== null, evidenceIds: read };
    if (actual === undefined || expected.value === undefined) return { value: 'unknown', evidenceIds: read };
    const outcome = compare(test.op, actual, expected.value);
    return { value: outcome === undefined ? 'unknown' : outcome, evidenceIds: read };
  });
  return combine('any', results);
}

function union(results: readonly ConditionResult[]): string[] {
  return [...new Set(results.flatMap((result) => result.evidenceIds))];
}

function combine(kind: 'all' | 'any', results: readonly ConditionResult[]): ConditionResult {
  const decisive = kind === 'all' ? false : true;
  const hits = results.filter((result) => result.value === decisive);
  if (hits.length > 0) return { value: decisive, evidenceIds: union(kind === 'any' ? hits : results) };
  if (results.some((result) => result.value === 'unknown')) return { value: 'unknown', evidenceIds: union(results) };
  return { value: !decisive, evidenceIds: union(results) };
}

/** The fact sources a condition reads (`alert`, step ids, tool names), its `ref` values included. */
export function conditionSources(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionSources);
  if ('any' in condition) return condition.any.flatMap(conditionSources);
  if ('not' in condition) return conditionSources(condition.not);
  return [condition.evidence, ...(isRef(condition.value) ? [condition.value.ref.evidence] : [])];
}

/**
 * Evaluates a runbook condition over the facts. Pure: no clock, no I/O, no code from the runbook is ever run;
 * paths only read own properties of the JSON.
 */
export function evaluateCondition(condition: Condition, facts: Facts): ConditionResult {
  if ('all' in condition) return combine('all', condition.all.map((child) => evaluateCondition(child, facts)));
  if ('any' in condition) return combine('any', condition.any.map((child) => evaluateCondition(child, facts)));
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, facts);
    return { value: inner.value === 'unknown' ? 'unknown' : !inner.value, evidenceIds: inner.evidenceIds };
  }
  return evaluateTest(condition, facts);
}
