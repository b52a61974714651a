/**
 * A Sigma string value: literal text with `*` (any run of characters) and `?` (exactly one character) wildcards.
 * Adjacent text parts are always merged and `**` collapses to `*`, so equal strings have equal parts.
 */
export type SigmaStringPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'any' } | { readonly kind: 'one' };
export type SigmaString = readonly SigmaStringPart[];

const ANY: SigmaStringPart = { kind: 'any' };
const ONE: SigmaStringPart = { kind: 'one' };

/** Joins parts, merging adjacent text and collapsing runs of `*`. */
export function sigmaString(parts: readonly SigmaStringPart[]): SigmaString {
  const out: SigmaStringPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.kind === 'text') {
      if (part.text === '') continue;
      if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + part.text };
      else out.push(part);
    } else if (!(part.kind === 'any' && last?.kind === 'any')) {
      out.push(part);
    }
  }
  return out;
}

/** Literal text with no wildcards, e.g. the output of an encoding modifier. */
export function literalString(text: string): SigmaString {
  return sigmaString([{ kind: 'text', text }]);
}

/**
 * Reads a rule value with the specification's escaping: `\*`, `\?` and `\\` stand for the plain character; a
 * backslash before anything else is itself plain (`C:\Windows\` needs no doubling).
 */
export function parseSigmaString(raw: string): SigmaString {
  const parts: SigmaStringPart[] = [];
  let text = '';
  const flush = () => {
    parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw.charAt(i);
    if (char === '\\') {
      const next = raw.charAt(i + 1);
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i += 1;
      } else {
        text += char;
      }
    } else if (char === '*' || char === '?') {
      flush();
      parts.push(char === '*' ? ANY : ONE);
    } else {
      text += char;
    }
  }
  flush();
  return sigmaString(parts);
}

export const hasWildcards = (value: SigmaString): boolean => value.some((part) => part.kind !== 'text');

/** The plain text of a value without wildcards, or undefined when it has some. */
export function plainText(value: SigmaString): string | undefined {
  if (hasWildcards(value)) return undefined;
  return value.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}

export const withAnyBefore = (value: SigmaString): SigmaString => sigmaString([ANY, ...value]);
export const withAnyAfter = (value: SigmaString): SigmaString => sigmaString([...value, ANY]);

/** The value as an Elasticsearch `wildcard` pattern, where `\` escapes the literal `*`, `?` and `\`. */
export function toWildcardPattern(value: SigmaString): string {
  return value
    .map((part) => {
      if (part.kind === 'any') return '*';
      if (part.kind === 'one') return '?';
      return part.text.replace(/[\\*?]/g, (char) => `\\${char}`);
    })
    .join('');
}

/** True when lower- and upper-casing leave every literal character alone, so case-insensitive matching is moot. */
export function isCaseless(value: SigmaString): boolean {
  return value.every((part) => part.kind !== 'text' || part.text.toLowerCase() === part.text.toUpperCase());
}

/**
 * The literal text before the first wildcard when the only wildcard is one trailing `*` (a `startswith`), else
 * undefined.
 */
export function prefixOnly(value: SigmaString): string | undefined {
  const [first, second, ...rest] = value;
  if (rest.length > 0) return undefined;
  if (first?.kind === 'any' && second === undefined) return '';
  if (first?.kind === 'text' && second?.kind === 'any') return first.text;
  return undefined;
}
