import { describe, expect, it } from 'vitest';
import { matchesIdentifierPattern, parseCondition, type ConditionNode } from '../../../../src/producer/sigma/condition.js';

function tree(text: string): ConditionNode {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.node;
}

const id = (name: string): ConditionNode => ({ type: 'identifier', name });

describe('parseCondition', () => {
  it('binds not tighter than and, and and tighter than or', () => {
    expect(tree('a or not b and c')).toEqual({
      type: 'or',
      children: [id('a'), { type: 'and', children: [{ type: 'not', child: id('b') }, id('c')] }],
    });
  });

  it('lets parentheses override precedence', () => {
    expect(tree('(a or b) and c')).toEqual({ type: 'and', children: [{ type: 'or', children: [id('a'), id('b')] }, id('c')] });
  });

  it('reads 1 of, all of and N of a pattern or them', () => {
    expect(tree('1 of sel* and not all of filter_*')).toEqual({
      type: 'and',
      children: [
        { type: 'of', quantifier: 1, pattern: 'sel*' },
        { type: 'not', child: { type: 'of', quantifier: 'all', pattern: 'filter_*' } },
      ],
    });
    expect(tree('2 of them')).toEqual({ type: 'of', quantifier: 2, pattern: undefined });
  });

  it('accepts keywords in any case', () => {
    expect(tree('a AND NOT b')).toEqual({ type: 'and', children: [id('a'), { type: 'not', child: id('b') }] });
  });

  it.each([
    ['a and', 'ends too early'],
    ['(a or b', "missing ')'"],
    ['a b', "unexpected 'b'"],
    ['all them', "expected 'of'"],
    ['1 of (a)', 'expected a search identifier pattern'],
    ['', 'is empty'],
  ])('reports %j as invalid (%s)', (text, message) => {
    const parsed = parseCondition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.kind).toBe('invalid');
      expect(parsed.message).toContain(message);
    }
  });
});

describe('matchesIdentifierPattern', () => {
  it('treats * as any run of characters and everything else literally', () => {
    expect(matchesIdentifierPattern('selection_*', 'selection_img')).toBe(true);
    expect(matchesIdentifierPattern('selection_*', 'selection')).toBe(false);
    expect(matchesIdentifierPattern('sel.*', 'selx')).toBe(false);
    expect(matchesIdentifierPattern('*_main_*', 'filter_main_x')).toBe(true);
  });
});
