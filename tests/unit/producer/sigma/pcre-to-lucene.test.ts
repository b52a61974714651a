import { describe, expect, it } from 'vitest';
import { translatePcreToLucene } from '../../../../src/producer/sigma/pcre-to-lucene.js';

const NONE = { i: false, m: false, s: false };
const NL = '\\\n'; // an escaped newline: a literal newline in Lucene syntax

function lucene(pattern: string, flags = NONE): string {
  const result = translatePcreToLucene(pattern, flags);
  if (!result.ok) throw new Error(`refused: ${result.feature}: ${result.message}`);
  return result.regexp;
}

function refusal(pattern: string) {
  const result = translatePcreToLucene(pattern, NONE);
  if (result.ok) throw new Error(`translated to ${result.regexp}`);
  return { kind: result.kind, feature: result.feature };
}

describe('translatePcreToLucene', () => {
  it('searches anywhere: unanchored edges get .*', () => {
    expect(lucene('abc')).toBe('.*abc.*');
  });

  it('drops ^ and $ at the edges, where Lucene is anchored already', () => {
    expect(lucene('^abc$')).toBe('abc');
    expect(lucene('^abc')).toBe('abc.*');
    expect(lucene('abc$')).toBe('.*abc');
  });

  it('anchors each alternative on its own', () => {
    expect(lucene('^a|b$')).toBe('a.*|.*b');
    expect(lucene('(^0oa.*|x@y)')).toBe(`(0oa[^${NL}]*.*|.*x\\@y.*)`);
  });

  it('escapes every non-alphanumeric literal, including Lucene operators', () => {
    expect(lucene('a\\.b<c>#d@e&f~g"h')).toBe('.*a\\.b\\<c\\>\\#d\\@e\\&f\\~g\\"h.*');
  });

  it('turns \\d, \\w and \\s into explicit classes, inside brackets too', () => {
    expect(lucene('^\\d\\w\\s$')).toBe('[0-9][a-zA-Z0-9\\_][\\ \\\t-\\\r]');
    expect(lucene('^[\\d.]+$')).toBe('[0-9\\.]+');
    expect(lucene('^\\D\\S$')).toBe('[^0-9][^\\ \\\t-\\\r]');
  });

  it('keeps dot from matching a newline unless the s flag is set', () => {
    expect(lucene('^a.b$')).toBe(`a[^${NL}]b`);
    expect(lucene('^a.b$', { ...NONE, s: true })).toBe('a.b');
  });

  it('lets ^ and $ match at line breaks with the m flag', () => {
    expect(lucene('^a$', { ...NONE, m: true })).toBe(`(.*${NL})?a(${NL}.*)?`);
  });

  it('reads leading inline flags', () => {
    expect(translatePcreToLucene('(?i)^ab$', NONE)).toEqual({ ok: true, regexp: 'ab', caseInsensitive: true });
    expect(translatePcreToLucene('^ab$', { ...NONE, i: true })).toEqual({ ok: true, regexp: 'ab', caseInsensitive: true });
  });

  it('keeps quantifiers and drops laziness, which cannot change a whole-value match', () => {
    expect(lucene('^a{2}b{2,}c{2,5}d*?e+f?$')).toBe('a{2}b{2,}c{2,5}d*e+f?');
    expect(lucene('^(ab)+$')).toBe('(ab)+');
  });

  it('treats non-capturing and named groups as plain groups', () => {
    expect(lucene('^(?:a|b)(?<n>c)(?P<m>d)$')).toBe('(a|b)(c)(d)');
  });

  it('reads a brace that starts no quantifier as a literal, as PCRE does', () => {
    expect(lucene('^a{x}$')).toBe('a\\{x\\}');
  });

  it('translates hex escapes and control characters', () => {
    expect(lucene('^\\x41\\t$')).toBe('A\\\t');
  });

  it('keeps an empty alternative', () => {
    expect(lucene('^a(b|)$')).toBe('a(b|())');
  });

  it.each([
    ['a(?=b)', 'lookaround'],
    ['a(?!b)', 'lookaround'],
    ['(?<=a)b', 'lookaround'],
    ['(a)\\1', 'backreference'],
    ['\\bword\\b', 'word boundary \\b'],
    ['a++', 'possessive quantifier'],
    ['(?>a)', 'atomic group'],
    ['a(?i)b', 'inline flags'],
    ['a^b', 'anchor in the middle'],
    ['a$b', 'anchor in the middle'],
    ['\\p{L}', 'unicode property \\p'],
    ['[[:alpha:]]', 'posix class'],
    ['[a\\S]', 'negated class inside brackets'],
    ['(?x)a b', 'inline flag x'],
  ])('refuses %s (%s)', (pattern, feature) => {
    expect(refusal(pattern)).toEqual({ kind: 'unsupported', feature });
  });

  it.each(['(a', 'a)', '*a', '[a', '[z-a]'])('reports %s as invalid syntax', (pattern) => {
    expect(refusal(pattern).kind).toBe('invalid');
  });
});
