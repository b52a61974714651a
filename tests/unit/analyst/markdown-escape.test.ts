import { describe, expect, it } from 'vitest';
import { codeSpan, escapeText, flatten } from '../../../src/analyst/markdown-escape.js';

describe('codeSpan', () => {
  it('wraps text in a fence longer than any backtick run inside', () => {
    expect(codeSpan('a ``b`` c')).toBe('```a ``b`` c```');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
  });

  it('escapes pipes in table cells and folds line breaks', () => {
    expect(codeSpan('a|b\nc', { table: true })).toBe('`a\\|b c`');
  });

  it('shows a dash for empty text', () => {
    expect(codeSpan('  ')).toBe('—');
  });
});

describe('escapeText', () => {
  it('leaves no raw HTML, link, image or emphasis syntax', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](http://evil.example) ![i](x) **bold** | cell';
    const escaped = escapeText(hostile);
    expect(escaped).not.toMatch(/(^|[^\\])[<>[\]()*|!]/);
    expect(escaped).toContain('\\<img');
    expect(escaped).toContain('http\\:');
  });

  it('folds newlines so text cannot start a heading or a list', () => {
    expect(escapeText('ok\n# Heading\n- item')).toBe('ok \\# Heading \\- item');
  });
});

describe('flatten', () => {
  it('cuts long text with an ellipsis', () => {
    expect(flatten('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
