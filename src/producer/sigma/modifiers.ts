import { base64Of, base64OffsetFragments, utf16beBytes, utf16Bytes, utf16leBytes, utf8Bytes } from './encodings.js';
import type { RegexFlags } from './pcre-to-lucene.js';
import { ruleError, type RuleRef } from './rule-error.js';
import type { SigmaScalar } from './rule-schema.js';
import {
  literalString,
  parseSigmaString,
  plainText,
  sigmaString,
  withAnyAfter,
  withAnyBefore,
  type SigmaString,
  type SigmaStringPart,
} from './sigma-string.js';

/** One value of a detection item once its modifiers have been applied. */
export type MatchValue =
  /** `cased` means case-sensitive: from the `cased` modifier, or because it is an encoding's output. */
  | { readonly kind: 'string'; readonly value: SigmaString; readonly cased: boolean }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags: RegexFlags }
  | { readonly kind: 'cidr'; readonly value: string }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'compare'; readonly op: 'lt' | 'lte' | 'gt' | 'gte'; readonly value: number };

/**
 * A detection item (`field|modifiers: values`) after its modifiers. Each group is one value of the rule and holds
 * its alternatives (a modifier such as `windash` or `base64offset` turns one value into several, linked with OR);
 * groups are linked with OR, or AND under `all`.
 */
export type FieldMatcher = {
  /** The Sigma field name; empty for a keyword search (`'|all': [...]`). */
  readonly field: string;
  readonly modifiers: readonly string[];
  readonly groups: readonly (readonly MatchValue[])[];
  readonly linking: 'or' | 'and';
  /** `neq`: the field must differ from every value. */
  readonly negated: boolean;
};

/** A value while modifiers are applied: raw strings keep their source text until a modifier decides how to read it. */
type Working = MatchValue | { readonly kind: 'raw'; readonly text: string } | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** 5^3 variants: enough for the SigmaHQ rules, and far below Elasticsearch's clause limit. */
const MAX_WINDASH_VARIANTS = 125;
const TIME_MODIFIERS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const NUMERIC_PATTERN = /^-?\d+(\.\d+)?$/;

type Context = { readonly rule: RuleRef; readonly field: string };

function fail(ctx: Context, code: 'RULE_INVALID' | 'RULE_UNSUPPORTED', feature: string, message: string): never {
  throw ruleError(code, ctx.rule, { field: ctx.field, feature }, message);
}

function describeKind(value: Working): string {
  return value.kind === 'raw' ? 'string' : value.kind;
}

/** Reads a value as a Sigma string (numbers are strings to the string modifiers). */
function asString(value: Working, ctx: Context, modifier: string): Extract<MatchValue, { kind: 'string' }> {
  if (value.kind === 'raw') return { kind: 'string', value: parseSigmaString(value.text), cased: false };
  if (value.kind === 'number') return { kind: 'string', value: literalString(String(value.value)), cased: false };
  if (value.kind === 'string') return value;
  return fail(ctx, 'RULE_INVALID', `modifier ${modifier}`, `'${modifier}' applies to strings, not to a ${describeKind(value)}`);
}

/** The exact bytes an encoding modifier works on; wildcards cannot be encoded. */
function asBytes(value: Working, ctx: Context, modifier: string): Uint8Array {
  if (value.kind === 'bytes') return value.bytes;
  const text = plainText(asString(value, ctx, modifier).value);
  if (text === undefined) {
    return fail(ctx, 'RULE_UNSUPPORTED', `modifier ${modifier}`, `'${modifier}' cannot encode a value with wildcards`);
  }
  return utf8Bytes(text);
}

function asPlainText(value: Working, ctx: Context, modifier: string): string {
  if (value.kind === 'raw') return value.text;
  if (value.kind === 'number') return String(value.value);
  const text = value.kind === 'string' ? plainText(value.value) : undefined;
  if (text === undefined) return fail(ctx, 'RULE_INVALID', `modifier ${modifier}`, `'${modifier}' needs a plain string value`);
  return text;
}

function windashVariants(value: SigmaString, ctx: Context): SigmaString[] {
  let variants: SigmaStringPart[][] = [[]];
  for (const part of value) {
    if (part.kind !== 'text') {
      variants = variants.map((parts) => [...parts, part]);
      continue;
    }
    for (const char of part.text) {
      const choices = DASHES.includes(char) ? DASHES : [char];
      variants = variants.flatMap((parts) => choices.map((choice) => [...parts, { kind: 'text' as const, text: choice }]));
    }
    if (variants.length > MAX_WINDASH_VARIANTS) {
      fail(ctx, 'RULE_UNSUPPORTED', 'modifier windash', `'windash' would expand to more than ${MAX_WINDASH_VARIANTS} values`);
    }
  }
  return variants.map(sigmaString);
}

function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (address === undefined || rest.length > 0) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const max = v4 !== null ? 32 : /^[0-9a-fA-F:.]+$/.test(address) && address.includes(':') ? 128 : 0;
  if (max === 0 || (v4 !== null && v4.slice(1).some((octet) => Number(octet) > 255))) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
}

function toNumber(value: Working, ctx: Context, modifier: string): number {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'raw' && NUMERIC_PATTERN.test(value.text)) return Number(value.text);
  return fail(ctx, 'RULE_INVALID', `modifier ${modifier}`, `'${modifier}' needs a number, not a ${describeKind(value)}`);
}

function toBoolean(value: Working, ctx: Context): boolean {
  if (value.kind === 'boolean') return value.value;
  if (value.kind === 'raw' && /^(true|false)$/i.test(value.text)) return value.text.toLowerCase() === 'true';
  return fail(ctx, 'RULE_INVALID', 'modifier exists', `'exists' needs true or false, not a ${describeKind(value)}`);
}

function setRegexFlag(value: Working, flag: 'i' | 'm' | 's', ctx: Context): Working {
  if (value.kind !== 'regex') return fail(ctx, 'RULE_INVALID', `modifier ${flag}`, `'${flag}' must follow 're'`);
  return { ...value, flags: { ...value.flags, [flag]: true } };
}

/** One modifier applied to one value; a value may become several alternatives. */
function applyModifier(modifier: string, value: Working, ctx: Context): Working[] {
  switch (modifier) {
    case 'contains': {
      const string = asString(value, ctx, modifier);
      return [{ ...string, value: withAnyAfter(withAnyBefore(string.value)) }];
    }
    case 'startswith': {
      const string = asString(value, ctx, modifier);
      return [{ ...string, value: withAnyAfter(string.value) }];
    }
    case 'endswith': {
      const string = asString(value, ctx, modifier);
      return [{ ...string, value: withAnyBefore(string.value) }];
    }
    case 'windash': {
      const string = asString(value, ctx, modifier);
      return windashVariants(string.value, ctx).map((variant) => ({ ...string, value: variant }));
    }
    case 'base64':
      return [{ kind: 'string', value: literalString(base64Of(asBytes(value, ctx, modifier))), cased: true }];
    case 'base64offset':
      return base64OffsetFragments(asBytes(value, ctx, modifier)).map((fragment) => ({
        kind: 'string',
        value: literalString(fragment),
        cased: true,
      }));
    case 'utf16le':
    case 'wide':
      return [{ kind: 'bytes', bytes: utf16leBytes(asPlainText(value, ctx, modifier)) }];
    case 'utf16be':
      return [{ kind: 'bytes', bytes: utf16beBytes(asPlainText(value, ctx, modifier)) }];
    case 'utf16':
      return [{ kind: 'bytes', bytes: utf16Bytes(asPlainText(value, ctx, modifier)) }];
    case 're':
      if (value.kind !== 'raw') return fail(ctx, 'RULE_INVALID', 'modifier re', `'re' needs a string, not a ${describeKind(value)}`);
      return [{ kind: 'regex', pattern: value.text, flags: { i: false, m: false, s: false } }];
    case 'i':
    case 'm':
    case 's':
      return [setRegexFlag(value, modifier, ctx)];
    case 'cidr': {
      const text = value.kind === 'raw' ? value.text.trim() : '';
      if (!isCidr(text)) return fail(ctx, 'RULE_INVALID', 'modifier cidr', `'cidr' needs a network such as 10.0.0.0/8, not '${text}'`);
      return [{ kind: 'cidr', value: text }];
    }
    case 'exists':
      return [{ kind: 'exists', value: toBoolean(value, ctx) }];
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return [{ kind: 'compare', op: modifier, value: toNumber(value, ctx, modifier) }];
    case 'fieldref':
      return fail(
        ctx,
        'RULE_UNSUPPORTED',
        'modifier fieldref',
        "'fieldref' compares two fields of one event, which needs a script",
      );
    case 'expand':
      return fail(
        ctx,
        'RULE_UNSUPPORTED',
        'modifier expand',
        "'expand' placeholders are not supported (no placeholder values are configured)",
      );
    default:
      if (TIME_MODIFIERS.has(modifier)) {
        return fail(ctx, 'RULE_UNSUPPORTED', `modifier ${modifier}`, `'${modifier}' extracts a date part, which needs a script`);
      }
      return fail(ctx, 'RULE_INVALID', `modifier ${modifier}`, `unknown modifier '${modifier}'`);
  }
}

const isList = (values: SigmaScalar | readonly SigmaScalar[]): values is readonly SigmaScalar[] => Array.isArray(values);

function initial(value: SigmaScalar): Working {
  if (typeof value === 'string') return { kind: 'raw', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  return { kind: 'null' };
}

function finish(value: Working, cased: boolean, ctx: Context): MatchValue {
  if (value.kind === 'raw') return { kind: 'string', value: parseSigmaString(value.text), cased };
  if (value.kind === 'bytes') {
    return fail(
      ctx,
      'RULE_UNSUPPORTED',
      'modifier utf16',
      'UTF-16 values are only supported with base64 or base64offset after them',
    );
  }
  if (value.kind === 'string' && cased) return { ...value, cased: true };
  return value;
}

/**
 * Applies the modifiers of a detection key (`CommandLine|contains|all`) to its values, in the order written, as the
 * specification requires. Throws `RULE_UNSUPPORTED` for modifiers that need scripts or placeholders.
 */
export function applyModifiers(key: string, values: SigmaScalar | readonly SigmaScalar[], rule: RuleRef): FieldMatcher {
  const [field = '', ...modifiers] = key.split('|');
  const ctx: Context = { rule, field: key };
  const list = isList(values) ? values : [values];
  if (list.length === 0) fail(ctx, 'RULE_INVALID', 'empty value list', 'has an empty list of values');
  if (modifiers.includes('')) fail(ctx, 'RULE_INVALID', 'modifier', 'has an empty modifier');
  let groups: Working[][] = list.map((value) => [initial(value)]);
  let linking: 'or' | 'and' = 'or';
  let cased = false;
  let negated = false;
  for (const modifier of modifiers) {
    if (modifier === 'all') linking = 'and';
    else if (modifier === 'cased') cased = true;
    else if (modifier === 'neq') negated = true;
    else groups = groups.map((group) => group.flatMap((value) => applyModifier(modifier, value, ctx)));
  }
  return {
    field,
    modifiers,
    groups: groups.map((group) => group.map((value) => finish(value, cased, ctx))),
    linking,
    negated,
  };
}
