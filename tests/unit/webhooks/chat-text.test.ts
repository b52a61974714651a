import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeBounded, flattenText, neutraliseMentions, truncateText } from '../../../src/webhooks/chat-text.js';

describe('flattenText', () => {
  it('folds line breaks and control characters to single spaces', () => {
    expect(flattenText('line one\r\n\tline\u0000two\u2028three  ')).toBe('line one line two three');
  });

  it('drops characters that make text read other than it is', () => {
    // U+202E (right-to-left override) would show "exe.txt" as "txt.exe"; zero-width spaces hide words.
    expect(flattenText('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
    expect(flattenText('ad\u200Bmin\uFEFF')).toBe('admin');
  });
});

describe('neutraliseMentions', () => {
  it('keeps @everyone, @here and @channel from reading as mentions, in any letter case', () => {
    const text = neutraliseMentions('hi @everyone @Here @CHANNEL me@example.com');
    expect(text).not.toMatch(/@(everyone|here|channel)/i);
    expect(text.replaceAll('\u200b', '')).toBe('hi @everyone @Here @CHANNEL me@example.com');
  });
});

describe('truncateText', () => {
  it('ends a cut text with an ellipsis within the limit', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
  });
});

describe('escapeBounded', () => {
  const escapeAmp = (text: string) => text.replace(/&/g, '&amp;');

  it('cuts between whole escapes, so no half entity is left', () => {
    expect(escapeBounded('a&&&&&&', escapeAmp, 9)).toBe('a&amp;…');
  });

  it('stays within the limit whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 2, max: 120 }), (text, max) => {
        expect(escapeBounded(text, escapeAmp, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
