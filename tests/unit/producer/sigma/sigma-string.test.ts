import { describe, expect, it } from 'vitest';
import { parseSigmaString, plainText, prefixOnly, toWildcardPattern } from '../../../../src/producer/sigma/sigma-string.js';

describe('parseSigmaString', () => {
  it('reads * and ? as wildcards', () => {
    expect(parseSigmaString('a*b?c')).toEqual([{ kind: 'text', text: 'a' }, { kind: 'any' }, { kind: 'text', text: 'b' }, { kind: 'one' }, { kind: 'text', text: 'c' }]);
  });

  it('follows the escaping rules of the specification', () => {
    expect(plainText(parseSigmaString('C:\\Windows\\'))).toBe('C:\\Windows\\');
    expect(plainText(parseSigmaString('a\\*b\\?'))).toBe('a*b?');
    expect(parseSigmaString('a\\\\*')).toEqual([{ kind: 'text', text: 'a\\' }, { kind: 'any' }]);
    expect(plainText(parseSigmaString('a\\\\\\*'))).toBe('a\\*');
    expect(plainText(parseSigmaString('\\\\\\\\'))).toBe('\\\\');
  });

  it('collapses runs of * into one', () => {
    expect(parseSigmaString('**a**')).toEqual([{ kind: 'any' }, { kind: 'text', text: 'a' }, { kind: 'any' }]);
  });
});

describe('toWildcardPattern', () => {
  it('escapes literal backslashes and wildcard characters for Elasticsearch', () => {
    expect(toWildcardPattern(parseSigmaString('C:\\a\\*b*'))).toBe('C:\\\\a\\*b*');
  });
});

describe('prefixOnly', () => {
  it('gives the text of a value whose only wildcard is a trailing *', () => {
    expect(prefixOnly(parseSigmaString('10.*'))).toBe('10.');
    expect(prefixOnly(parseSigmaString('*10.'))).toBeUndefined();
    expect(prefixOnly(parseSigmaString('10.?*'))).toBeUndefined();
  });
});
