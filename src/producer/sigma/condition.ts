/**
 * The Sigma condition language: `and`, `or`, `not`, parentheses, and `1 of` / `all of` / `N of` a search-identifier
 * pattern or `them`. Precedence from loosest to tightest: or, and, not, `x of`, parentheses.
 */
export type ConditionNode =
  | { readonly type: 'and' | 'or'; readonly children: readonly ConditionNode[] }
  | { readonly type: 'not'; readonly child: ConditionNode }
  | { readonly type: 'identifier'; readonly name: string }
  /** `pattern` is undefined for `them`; it may hold `*` wildcards. */
  | { readonly type: 'of'; readonly quantifier: 'all' | number; readonly pattern: string | undefined };

type Token =
  | { readonly kind: '(' | ')' | 'and' | 'or' | 'not' | 'of' | 'all' | 'them'; readonly at: number }
  | { readonly kind: 'number'; readonly value: number; readonly at: number }
  | { readonly kind: 'word'; readonly value: string; readonly at: number };

/** Why a condition could not be read; the compiler turns it into a rule error. */
export type ConditionProblem = { readonly kind: 'invalid' | 'unsupported'; readonly feature: string; readonly message: string };

export type ConditionParse = { readonly ok: true; readonly node: ConditionNode } | ({ readonly ok: false } & ConditionProblem);

class ConditionError extends Error {
  constructor(readonly problem: ConditionProblem) {
    super(problem.message);
  }
}

const invalid = (message: string) => new ConditionError({ kind: 'invalid', feature: 'condition syntax', message });

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([()])|([^\s()]+))/y;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const at = match.index + match[0].length - (match[1] ?? match[2] ?? '').length;
    const paren = match[1];
    const word = match[2] ?? '';
    if (paren === '(' || paren === ')') {
      tokens.push({ kind: paren, at });
    } else if (word.includes('|')) {
      throw new ConditionError({
        kind: 'unsupported',
        feature: 'condition aggregation',
        message: "Sigma v1 aggregations ('| count() ...') are not supported; write a correlation rule instead",
      });
    } else if (/^\d+$/.test(word)) {
      tokens.push({ kind: 'number', value: Number(word), at });
    } else {
      const lower = word.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not' || lower === 'of' || lower === 'all' || lower === 'them') {
        tokens.push({ kind: lower, at });
      } else {
        tokens.push({ kind: 'word', value: word, at });
      }
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw invalid('is empty');
    const node = this.or();
    const extra = this.tokens[this.pos];
    if (extra !== undefined) throw invalid(`unexpected '${this.text.slice(extra.at)}'`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private take(): Token {
    const token = this.tokens[this.pos];
    if (token === undefined) throw invalid('ends too early');
    this.pos += 1;
    return token;
  }

  private or(): ConditionNode {
    const children = [this.and()];
    while (this.peek()?.kind === 'or') {
      this.pos += 1;
      children.push(this.and());
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'or', children };
  }

  private and(): ConditionNode {
    const children = [this.not()];
    while (this.peek()?.kind === 'and') {
      this.pos += 1;
      children.push(this.not());
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'and', children };
  }

  private not(): ConditionNode {
    if (this.peek()?.kind === 'not') {
      this.pos += 1;
      return { type: 'not', child: this.not() };
    }
    return this.primary();
  }

  private primary(): ConditionNode {
    const token = this.take();
    switch (token.kind) {
      case '(': {
        const node = this.or();
        if (this.peek()?.kind !== ')') throw invalid("missing ')'");
        this.pos += 1;
        return node;
      }
      case 'all':
      case 'number': {
        const quantifier = token.kind === 'number' ? token.value : 'all';
        if (quantifier === 0) throw invalid("'0 of' never matches");
        if (this.take().kind !== 'of') throw invalid(`expected 'of' after '${quantifier}'`);
        const target = this.take();
        if (target.kind === 'them') return { type: 'of', quantifier, pattern: undefined };
        if (target.kind === 'word') return { type: 'of', quantifier, pattern: target.value };
        throw invalid(`expected a search identifier pattern or 'them' after '${quantifier} of'`);
      }
      case 'word':
        return { type: 'identifier', name: token.value };
      default:
        throw invalid(`unexpected '${this.text.slice(token.at)}'`);
    }
  }
}

/** Parses one condition string into a tree, or says what is wrong with it. */
export function parseCondition(text: string): ConditionParse {
  try {
    return { ok: true, node: new Parser(tokenize(text), text).parse() };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, ...error.problem };
    throw error;
  }
}

/** Whether a search identifier matches an `x of` pattern, where `*` stands for any run of characters. */
export function matchesIdentifierPattern(pattern: string, identifier: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(identifier);
}
