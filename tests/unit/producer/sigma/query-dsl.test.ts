import { describe, expect, it } from 'vitest';
import { and, countLeafQueries, not, or, term } from '../../../../src/producer/sigma/query-dsl.js';

const a = { exists: { field: 'a' } };
const b = { exists: { field: 'b' } };

describe('query builders', () => {
  it('flattens nested ANDs and gathers negations into must_not', () => {
    expect(and([and([a, b]), not(a)])).toEqual({ bool: { filter: [a, b], must_not: [a] } });
  });

  it('flattens nested ORs but keeps an N-of as its own clause', () => {
    expect(or([or([a, b]), a])).toEqual({ bool: { should: [a, b, a], minimum_should_match: 1 } });
    const twoOf = or([a, b, a], 2);
    expect(or([twoOf, b])).toEqual({ bool: { should: [twoOf, b], minimum_should_match: 1 } });
  });

  it('collapses single clauses and double negation', () => {
    expect(and([a])).toBe(a);
    expect(or([b])).toBe(b);
    expect(not(not(a))).toBe(a);
  });

  it('turns an N-of with N equal to the count into an AND', () => {
    expect(or([a, b], 2)).toEqual({ bool: { filter: [a, b] } });
  });

  it('merges exact terms on one field into terms but leaves case-insensitive ones alone', () => {
    expect(or([term('f', '1'), term('g', 'x', true), term('f', '2')])).toEqual({
      bool: { should: [{ terms: { f: ['1', '2'] } }, { term: { g: { value: 'x', case_insensitive: true } } }], minimum_should_match: 1 },
    });
  });

  it('says nothing matches an empty OR and everything matches an empty AND', () => {
    expect(or([])).toEqual({ match_none: {} });
    expect(and([])).toEqual({ match_all: {} });
  });

  it('counts leaf conditions, each terms value included', () => {
    expect(countLeafQueries(and([or([term('f', '1'), term('f', '2'), term('f', '3')]), not(a), or([a, b])]))).toBe(6);
  });
});
