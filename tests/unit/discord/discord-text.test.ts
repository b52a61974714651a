import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discordCode, discordText, escapeDiscordMarkdown } from '../../../src/discord/discord-text.js';

/** Discord's Markdown reads these unescaped: a masked link, a mention, emphasis, a heading, a timestamp. */
const UNESCAPED_MARKUP = /(^|[^\\])(\[[^\]]*\]\(|<@|<#|<t:|\*\*|__|~~|\|\||^#)/;

describe('discordText', () => {
  it('escapes a masked link, so the text shows instead of a link to somewhere else', () => {
    expect(discordText('[click](https://evil.example/x)', 200)).toBe('\\[click\\]\\(https\\://evil.example/x\\)');
  });

  it('escapes mentions, emphasis, spoilers, headings and code', () => {
    expect(discordText('<@123> **bold** ||spoiler|| # title `code`', 200)).toBe('\\<@123\\> \\*\\*bold\\*\\* \\|\\|spoiler\\|\\| \\# title \\`code\\`');
  });

  it('neutralises @everyone and folds lines', () => {
    expect(discordText('ping\n@everyone', 200)).toBe('ping @\u200beveryone');
  });

  it('never leaves an escaping backslash before the ellipsis, and stays within the limit', () => {
    expect(discordText('ab****', 6)).toBe('ab\\*…');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const safe = discordText(text, max);
        expect(safe.length).toBeLessThanOrEqual(max);
        expect(safe).not.toMatch(/(^|[^\\])(\\\\)*\\…$/);
        expect(safe).not.toMatch(UNESCAPED_MARKUP);
        expect(safe).not.toMatch(/@(everyone|here)/);
      }),
    );
  });

  it('escapes every Markdown character it may meet', () => {
    expect(escapeDiscordMarkdown('\\*_~`|>#-[]()<:')).toBe('\\\\\\*\\_\\~\\`\\|\\>\\#\\-\\[\\]\\(\\)\\<\\:');
  });
});

describe('discordCode', () => {
  it('shows an id as inline code, with backticks that would end the span replaced', () => {
    expect(discordCode('evt-1')).toBe('`evt-1`');
    expect(discordCode('a`b')).toBe("`a'b`");
    expect(discordCode('')).toBe('—');
  });
});
