import { escapeBounded, flattenText, neutraliseMentions, truncateText } from '../webhooks/chat-text.js';

/**
 * Every character Discord's Markdown gives meaning to is backslash-escaped: emphasis, code, spoilers, quotes,
 * headings, lists, masked links, and `<…>` mentions, channels, emoji and timestamps. `:` is escaped too, so a URL
 * in log data is not turned into a link.
 */
export function escapeDiscordMarkdown(text: string): string {
  return text.replace(/[\\*_~`|>#\-[\]()<:]/g, (character) => `\\${character}`);
}

/** Hostile text for a Discord place that renders Markdown (descriptions, field values, titles): flat, escaped, bounded. */
export function discordText(text: string, max: number): string {
  return escapeBounded(text, escapeDiscordMarkdown, max);
}

/** Hostile text for a Discord place that shows text as is (footers): flat, no mentions, bounded. */
export function discordPlainText(text: string, max: number): string {
  return truncateText(neutraliseMentions(flattenText(text)), max);
}

/** An id or other token shown as inline code: backticks replaced (they would end the span), flat, bounded. */
export function discordCode(text: string, max = 100): string {
  const flat = truncateText(flattenText(text).replace(/`/g, "'"), Math.max(1, max - 2));
  return flat.length === 0 ? '—' : `\`${flat}\``;
}
