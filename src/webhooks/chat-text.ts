/**
 * Text we did not write (log values, tool output, model prose) made safe to show in a chat message: one line, no
 * control or direction-changing characters, no mention that could ping, within the length the place allows.
 * Each chat service adds its own escaping on top (`src/discord/discord-text.ts`, `src/notifier/slack-message.ts`).
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point: they would break lines.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Bidirectional overrides and isolates, and zero-width characters: they make text read other than it is. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const ZERO_WIDTH_SPACE = '\u200b';

/** One line: control characters and line breaks folded to single spaces, invisible characters dropped. */
export function flattenText(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * At most `max` UTF-16 code units (what Discord and Slack count, or more), ending in `…` when cut, never in the
 * middle of a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * `@everyone`, `@here` and `@channel` no longer read as mentions (a zero-width space after the `@`). Discord
 * messages also carry `allowed_mentions: { parse: [] }`; this keeps the text from even looking like a ping, and
 * covers Slack-compatible services that have no such switch.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here|channel)/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Hostile text flattened, mentions neutralised, escaped with `escape`, and at most `max` long. A cut falls between
 * whole characters with their escapes, so no half escape (a lone backslash, `&am`) is left before the ellipsis.
 */
export function escapeBounded(text: string, escape: (plain: string) => string, max: number): string {
  const plain = neutraliseMentions(flattenText(text));
  const escaped = escape(plain);
  if (escaped.length <= max) return escaped;
  let kept = '';
  for (const character of plain) {
    const piece = escape(character);
    if (kept.length + piece.length > max - 1) break;
    kept += piece;
  }
  return `${kept}…`;
}
