/**
 * Translates the PCRE subset of Sigma's `re` modifier into Lucene regular expression syntax, as used by the
 * Elasticsearch `regexp` query.
 *
 * The two dialects differ in ways that silently change results if ignored, so each is handled explicitly:
 * - Lucene matches the whole value; PCRE searches. Unanchored edges get `.*`, and `^`/`$` are only accepted where
 *   they anchor an edge of the pattern (a leading or trailing position, also inside leading/trailing groups).
 * - Lucene's `.` matches a newline; PCRE's only with the `s` flag, so without it `.` becomes `[^\n]`.
 * - Lucene gives `@ & ~ < > # "` special meanings, so every non-alphanumeric literal is escaped with `\`.
 * - `\d`, `\w`, `\s` become explicit classes (their negations too, outside brackets).
 * Anything that cannot be expressed exactly — lookarounds, backreferences, `\b`, possessive quantifiers, inline
 * flags in the middle, Unicode properties — is refused with the name of the feature.
 *
 * Known deviation: PCRE's `$` (without `m`) also matches before a final newline; here it matches only at the end.
 */

export type RegexFlags = { readonly i: boolean; readonly m: boolean; readonly s: boolean };

export type LuceneRegexp =
  | { readonly ok: true; readonly regexp: string; readonly caseInsensitive: boolean }
  | { readonly ok: false; readonly kind: 'unsupported' | 'invalid'; readonly feature: string; readonly message: string };

type ClassItem = { readonly from: number; readonly to: number };
type Node =
  | { readonly t: 'alt'; readonly branches: readonly Node[] }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'group'; readonly body: Node }
  | { readonly t: 'repeat'; readonly body: Node; readonly min: number; readonly max: number | undefined }
  | { readonly t: 'char'; readonly code: number }
  | { readonly t: 'class'; readonly negated: boolean; readonly items: readonly ClassItem[] }
  | { readonly t: 'dot' }
  | { readonly t: 'start' }
  | { readonly t: 'end' };

/** Thrown inside this module only, to abandon a translation; it never escapes `translatePcreToLucene`. */
class Refusal extends Error {
  constructor(
    readonly kind: 'unsupported' | 'invalid',
    readonly feature: string,
    message: string,
  ) {
    super(message);
  }
}

const unsupported = (feature: string, message: string) => new Refusal('unsupported', feature, message);
const invalid = (message: string) => new Refusal('invalid', 'regular expression syntax', message);

const code = (char: string): number => char.codePointAt(0) ?? 0;
const range = (from: string, to: string): ClassItem => ({ from: code(from), to: code(to) });
const single = (char: string): ClassItem => range(char, char);

const DIGIT: readonly ClassItem[] = [range('0', '9')];
const WORD: readonly ClassItem[] = [range('a', 'z'), range('A', 'Z'), range('0', '9'), single('_')];
/** PCRE2's `\s`: space, \t, \n, \v (0x0B), \f, \r. */
const SPACE: readonly ClassItem[] = [single(' '), range('\t', '\r')];
const SHORTHANDS: Readonly<Record<string, readonly ClassItem[]>> = { d: DIGIT, w: WORD, s: SPACE };
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f', e: '\u001b', a: '\u0007' };
const UNSUPPORTED_ESCAPES: Readonly<Record<string, string>> = {
  b: 'word boundary \\b',
  B: 'word boundary \\B',
  A: 'anchor \\A',
  z: 'anchor \\z',
  Z: 'anchor \\Z',
  G: 'anchor \\G',
  K: 'match reset \\K',
  p: 'unicode property \\p',
  P: 'unicode property \\P',
  Q: 'quoted sequence \\Q',
  E: 'quoted sequence \\E',
  g: 'backreference',
  k: 'backreference',
  v: 'vertical whitespace \\v',
  V: 'vertical whitespace \\V',
  h: 'horizontal whitespace \\h',
  H: 'horizontal whitespace \\H',
  R: 'newline sequence \\R',
  N: 'escape \\N',
  X: 'extended grapheme \\X',
  C: 'code unit \\C',
  c: 'control character \\c',
  o: 'octal escape',
};

class Parser {
  private pos = 0;
  constructor(private readonly chars: readonly string[]) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) throw invalid(`unbalanced ')' at position ${this.pos}`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private next(): string {
    const char = this.chars[this.pos];
    if (char === undefined) throw invalid('unexpected end of pattern');
    this.pos += 1;
    return char;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos += 1;
      branches.push(this.sequence());
    }
    return branches.length === 1 && branches[0] !== undefined ? branches[0] : { t: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let char = this.peek(); char !== undefined && char !== '|' && char !== ')'; char = this.peek()) {
      items.push(this.quantified());
    }
    return { t: 'seq', items };
  }

  private quantified(): Node {
    const atom = this.atom();
    const bounds = this.quantifier();
    if (bounds === undefined) return atom;
    if (atom.t === 'start' || atom.t === 'end') throw unsupported('quantified anchor', 'an anchor cannot be repeated');
    if (this.peek() === '+') throw unsupported('possessive quantifier', 'possessive quantifiers have no Lucene equivalent');
    if (this.peek() === '?') this.pos += 1; // lazy and greedy match the same whole values
    if (this.quantifier() !== undefined) throw invalid('nothing to repeat');
    return { t: 'repeat', body: atom, ...bounds };
  }

  private quantifier(): { min: number; max: number | undefined } | undefined {
    const char = this.peek();
    if (char === '*') return this.advance(1, { min: 0, max: undefined });
    if (char === '+') return this.advance(1, { min: 1, max: undefined });
    if (char === '?') return this.advance(1, { min: 0, max: 1 });
    if (char !== '{') return undefined;
    const rest = this.chars.slice(this.pos).join('');
    const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (match === null) {
      if (/^\{,\d+\}/.test(rest)) throw unsupported('quantifier {,n}', 'the {,n} quantifier differs between PCRE versions');
      return undefined; // PCRE reads a `{` that starts no quantifier as a literal
    }
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? undefined : Number(match[3]);
    if (max !== undefined && max < min) throw invalid('quantifier range out of order');
    return this.advance(match[0].length, { min, max });
  }

  private advance<T>(count: number, value: T): T {
    this.pos += count;
    return value;
  }

  private atom(): Node {
    const char = this.next();
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '.':
        return { t: 'dot' };
      case '^':
        return { t: 'start' };
      case '$':
        return { t: 'end' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw invalid(`nothing to repeat before '${char}'`);
      case ')':
        throw invalid("unbalanced ')'");
      default:
        return { t: 'char', code: code(char) };
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      this.pos += 1;
      const kind = this.next();
      if (kind === ':') {
        // non-capturing group
      } else if (kind === 'P' && this.peek() === '<') {
        this.pos += 1;
        this.groupName('>');
      } else if (kind === '<' && this.peek() !== '=' && this.peek() !== '!') {
        this.groupName('>');
      } else if (kind === "'") {
        this.groupName("'");
      } else if (kind === '=' || kind === '!' || kind === '<') {
        throw unsupported('lookaround', 'lookahead and lookbehind assertions have no Lucene equivalent');
      } else if (kind === '>') {
        throw unsupported('atomic group', 'atomic groups have no Lucene equivalent');
      } else if (/[a-zA-Z-]/.test(kind)) {
        throw unsupported('inline flags', 'inline flags are only supported at the very start of the pattern');
      } else {
        throw unsupported(`group (?${kind}`, `the group construct (?${kind} is not supported`);
      }
    }
    const body = this.alternation();
    if (this.peek() !== ')') throw invalid("missing ')'");
    this.pos += 1;
    return { t: 'group', body };
  }

  private groupName(terminator: string): void {
    while (this.next() !== terminator) {
      // skip the name: it does not change what matches
    }
  }

  private escape(): Node {
    const char = this.next();
    const shorthand = SHORTHANDS[char];
    if (shorthand !== undefined) return { t: 'class', negated: false, items: shorthand };
    const negatedShorthand = SHORTHANDS[char.toLowerCase()];
    if (negatedShorthand !== undefined) return { t: 'class', negated: true, items: negatedShorthand };
    return { t: 'char', code: this.escapedCharacter(char, false) };
  }

  /** The code point an escape stands for, shared by both sides of a bracket. */
  private escapedCharacter(char: string, inClass: boolean): number {
    const control = CONTROL_ESCAPES[char];
    if (control !== undefined) return code(control);
    if (inClass && char === 'b') return 8; // backspace inside brackets
    if (char === 'x') return this.hexEscape();
    if (/[0-9]/.test(char)) {
      throw char === '0'
        ? unsupported('octal escape', 'octal escapes are not supported')
        : unsupported('backreference', 'backreferences have no Lucene equivalent');
    }
    const feature = UNSUPPORTED_ESCAPES[char];
    if (feature !== undefined) throw unsupported(feature, `${feature} has no exact Lucene equivalent`);
    if (/[a-zA-Z]/.test(char)) throw unsupported(`escape \\${char}`, `the escape \\${char} is not supported`);
    return code(char);
  }

  private hexEscape(): number {
    const rest = this.chars.slice(this.pos).join('');
    const match = /^\{([0-9a-fA-F]{1,6})\}|^([0-9a-fA-F]{1,2})/.exec(rest);
    if (match === null) throw invalid('malformed \\x escape');
    this.pos += Array.from(match[0]).length;
    return parseInt(match[1] ?? match[2] ?? '0', 16);
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.pos += 1;
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      const char = this.next();
      if (char === ']' && !first) break;
      first = false;
      if (char === '[' && this.peek() === ':') throw unsupported('posix class', 'POSIX classes such as [:alpha:] are not supported');
      const start = this.classAtom(char);
      if (start.length !== 1 || this.peek() !== '-' || this.peek(1) === ']' || this.peek(1) === undefined) {
        items.push(...start);
        continue;
      }
      this.pos += 1; // the '-'
      const end = this.classAtom(this.next());
      const [from] = start;
      const [to] = end;
      if (end.length !== 1 || from === undefined || to === undefined || from.from !== from.to || to.from !== to.to) {
        throw invalid('a range cannot start or end with a class like \\d');
      }
      if (to.from < from.from) throw invalid('character class range out of order');
      items.push({ from: from.from, to: to.to });
    }
    return { t: 'class', negated, items };
  }

  private classAtom(char: string): readonly ClassItem[] {
    if (char !== '\\') return [{ from: code(char), to: code(char) }];
    const escaped = this.next();
    const shorthand = SHORTHANDS[escaped];
    if (shorthand !== undefined) return shorthand;
    if (SHORTHANDS[escaped.toLowerCase()] !== undefined) {
      throw unsupported('negated class inside brackets', `\\${escaped} inside brackets is not supported`);
    }
    const point = this.escapedCharacter(escaped, true);
    return [{ from: point, to: point }];
  }
}

/** Edge state: 'open' needs `.*` to reach the edge of the value, 'edge' is at it, 'mid' is next to other pattern. */
type Left = 'open' | 'edge' | 'mid';
type Right = Left;

const isAsciiAlnum = (point: number) =>
  (point >= 0x30 && point <= 0x39) || (point >= 0x41 && point <= 0x5a) || (point >= 0x61 && point <= 0x7a);

function literal(point: number): string {
  const char = String.fromCodePoint(point);
  return isAsciiAlnum(point) || point > 0x7f ? char : `\\${char}`;
}

class Renderer {
  constructor(private readonly flags: RegexFlags) {}

  render(node: Node, left: Left, right: Right): string {
    switch (node.t) {
      case 'alt':
        return node.branches.map((branch) => this.render(branch, left, right)).join('|');
      case 'seq':
        return this.sequence(node.items, left, right);
      case 'group':
        return `(${this.render(node.body, left, right)})`;
      case 'start':
      case 'end':
        // a sequence consumes the anchors at its edges; one that reaches here sits in the middle of the pattern
        throw unsupported(
          'anchor in the middle',
          `'${node.t === 'start' ? '^' : '$'}' is only supported at an edge of the pattern`,
        );
      default:
        return `${left === 'open' ? '.*' : ''}${this.atom(node)}${right === 'open' ? '.*' : ''}`;
    }
  }

  private sequence(all: readonly Node[], leftIn: Left, rightIn: Right): string {
    let items = all;
    let left = leftIn;
    let right = rightIn;
    let prefix = '';
    let suffix = '';
    while (items[0]?.t === 'start') {
      if (left === 'mid') throw unsupported('anchor in the middle', "'^' is only supported at the start of the pattern");
      if (left === 'open' && this.flags.m) prefix = `(.*${literal(0x0a)})?`;
      left = 'edge';
      items = items.slice(1);
    }
    while (items.at(-1)?.t === 'end') {
      if (right === 'mid') throw unsupported('anchor in the middle', "'$' is only supported at the end of the pattern");
      if (right === 'open' && this.flags.m) suffix = `(${literal(0x0a)}.*)?`;
      right = 'edge';
      items = items.slice(0, -1);
    }
    const [first] = items;
    let body: string;
    if (first === undefined) {
      body = left === 'open' || right === 'open' ? '.*' : '()';
    } else if (items.length === 1) {
      body = this.render(first, left, right);
    } else {
      body = items.map((item, i) => this.render(item, i === 0 ? left : 'mid', i === items.length - 1 ? right : 'mid')).join('');
    }
    return `${prefix}${body}${suffix}`;
  }

  private atom(node: Node): string {
    switch (node.t) {
      case 'char':
        return literal(node.code);
      case 'dot':
        return this.flags.s ? '.' : `[^${literal(0x0a)}]`;
      case 'class': {
        const items = node.items.map((item) =>
          item.from === item.to ? literal(item.from) : `${literal(item.from)}-${literal(item.to)}`,
        );
        return `[${node.negated ? '^' : ''}${items.join('')}]`;
      }
      case 'repeat': {
        const body = this.render(node.body, 'mid', 'mid');
        const single = node.body.t === 'group' || node.body.t === 'char' || node.body.t === 'class' || node.body.t === 'dot';
        const wrapped = single ? body : `(${body})`;
        const { min, max } = node;
        if (min === 0 && max === undefined) return `${wrapped}*`;
        if (min === 1 && max === undefined) return `${wrapped}+`;
        if (min === 0 && max === 1) return `${wrapped}?`;
        if (max === min) return `${wrapped}{${min}}`;
        return `${wrapped}{${min},${max ?? ''}}`;
      }
      default:
        throw invalid(`unexpected ${node.t}`);
    }
  }
}

const INLINE_FLAGS = /^\(\?([a-zA-Z]+)\)/;

/**
 * Translates a Sigma `re` value with its `i`/`m`/`s` sub-modifiers into a Lucene regexp, or says which feature
 * stops it. Leading inline flags such as `(?i)` are honoured.
 */
export function translatePcreToLucene(pattern: string, flags: RegexFlags): LuceneRegexp {
  try {
    let effective = flags;
    let body = pattern;
    const inline = INLINE_FLAGS.exec(pattern);
    if (inline !== null) {
      const letters = inline[1] ?? '';
      const unknown = letters.replace(/[ims]/g, '');
      if (unknown !== '') throw unsupported(`inline flag ${unknown}`, `the inline flag(s) '${unknown}' are not supported`);
      effective = { i: flags.i || letters.includes('i'), m: flags.m || letters.includes('m'), s: flags.s || letters.includes('s') };
      body = pattern.slice(inline[0].length);
    }
    const tree = new Parser(Array.from(body)).parse();
    const regexp = new Renderer(effective).render(tree, 'open', 'open');
    return { ok: true, regexp, caseInsensitive: effective.i };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, kind: error.kind, feature: error.feature, message: error.message };
    throw error;
  }
}
