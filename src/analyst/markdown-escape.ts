/**
 * Escaping for text we did not write (log values, tool output, model prose) shown in a Markdown report: no raw
 * HTML, no links or images, no emphasis or headings, no breaking out of a table cell.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point: they would break lines.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** One line, control characters and line breaks folded to spaces, at most `max` characters. */
export function flatten(text: string, max = 300): string {
  const flat = text.replace(CONTROL, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * An inline code span: nothing inside is Markdown, HTML or a link. The fence is one backtick longer than the
 * longest run inside; in a table cell `|` is escaped, which GFM removes before reading the span.
 */
export function codeSpan(text: string, options: { table?: boolean; max?: number } = {}): string {
  let flat = flatten(text, options.max ?? 300);
  if (flat.length === 0) return '—';
  if (options.table) flat = flat.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Prose shown as text: every ASCII punctuation character that Markdown or GFM gives meaning to is backslash-escaped
 * (so `<`, `[`, `](`, `*`, `|`, `` ` ``, `#`, `&` and the `:` and `.` of autolinks are literal), and lines are folded.
 */
export function escapeText(text: string, max = 2_000): string {
  return flatten(text, max).replace(/[\\`*_{}[\]()<>#+\-.!|~:&]/g, (character) => `\\${character}`);
}
