import type { MappedField } from './field-mapping.js';
import type { MatchValue } from './modifiers.js';
import { translatePcreToLucene } from './pcre-to-lucene.js';
import { exists, not, or, range, regexp, term, wildcard, type Query } from './query-dsl.js';
import { ruleError, type RuleRef } from './rule-error.js';
import { isCaseless, plainText, prefixOnly, toWildcardPattern, withAnyAfter, withAnyBefore, type SigmaString } from './sigma-string.js';

/** What a value's query needs to know beyond the value: the rule and Sigma key for errors. */
export type ValueContext = { readonly rule: RuleRef; readonly key: string };

function unsupported(ctx: ValueContext, feature: string, message: string): never {
  throw ruleError('RULE_UNSUPPORTED', ctx.rule, { field: ctx.key, feature }, message);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const isIpv4 = (text: string) => IPV4.exec(text)?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
const isIpv6 = (text: string) => text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text) && (text.match(/::/g) ?? []).length <= 1;

/** `10.` or `192.168.` (whole octets, then `*`) as the CIDR block it denotes; undefined for anything else. */
function ipv4PrefixAsCidr(prefix: string): string | undefined {
  if (!/^(\d{1,3}\.){1,3}$/.test(prefix)) return undefined;
  const octets = prefix.slice(0, -1).split('.');
  if (octets.some((octet) => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0')))) return undefined;
  return `${[...octets, '0', '0', '0'].slice(0, 4).map(Number).join('.')}/${octets.length * 8}`;
}

/** A string on a keyword field: exact `term`, or `wildcard` when it has wildcards; case-insensitive unless cased. */
function keywordString(field: string, value: SigmaString, cased: boolean): Query {
  const caseInsensitive = !cased && !isCaseless(value);
  const text = plainText(value);
  return text === undefined ? wildcard(field, toWildcardPattern(value), caseInsensitive) : term(field, text, caseInsensitive);
}

function stringQuery(value: SigmaString, cased: boolean, mapped: MappedField, ctx: ValueContext): Query {
  const text = plainText(value);
  switch (mapped.type) {
    case 'keyword':
      return keywordString(mapped.field, value, cased);
    case 'flattened':
      // Elasticsearch 8 rejects case_insensitive on flattened keys: these values match with their exact case.
      return text === undefined ? wildcard(mapped.field, toWildcardPattern(value), false) : term(mapped.field, text);
    case 'ip': {
      if (text !== undefined && (isIpv4(text) || isIpv6(text))) return term(mapped.field, text);
      const prefix = prefixOnly(value);
      const cidr = prefix === undefined ? undefined : ipv4PrefixAsCidr(prefix);
      if (cidr !== undefined) return term(mapped.field, cidr);
      if (mapped.textField !== undefined) return keywordString(mapped.textField, value, cased);
      return unsupported(
        ctx,
        'string pattern on ip field',
        `'${mapped.field}' is an ip field and cannot match '${toWildcardPattern(value)}'`,
      );
    }
    case 'number':
      if (text !== undefined && /^-?\d+(\.\d+)?$/.test(text.trim())) return term(mapped.field, Number(text));
      return unsupported(
        ctx,
        'string pattern on numeric field',
        `'${mapped.field}' is numeric and cannot match '${toWildcardPattern(value)}'`,
      );
  }
}

/** IPv4 CIDR on a keyword field: the dotted prefixes it covers, as wildcards (at most 256). */
function cidrOnKeyword(field: string, cidr: string, ctx: ValueContext): Query {
  const [address = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  if (!isIpv4(address)) return unsupported(ctx, 'modifier cidr', `'${field}' is not an ip field; only IPv4 networks can be matched as text`);
  const octets = address.split('.').map(Number);
  const whole = Math.floor(bits / 8);
  if (whole === 4) return term(field, octets.join('.'));
  const spare = 8 - (bits % 8);
  const base = (octets[whole] ?? 0) & (0xff << spare) & 0xff;
  const heads =
    bits % 8 === 0
      ? [octets.slice(0, whole)]
      : Array.from({ length: 1 << spare }, (_, offset) => [...octets.slice(0, whole), base + offset]);
  return or(
    heads.map((head) => {
      if (head.length === 0) return exists(field);
      return head.length === 4 ? term(field, head.join('.')) : wildcard(field, `${head.join('.')}.*`, false);
    }),
  );
}

function regexQuery(value: Extract<MatchValue, { kind: 'regex' }>, mapped: MappedField, ctx: ValueContext): Query {
  const field = mapped.type === 'keyword' ? mapped.field : mapped.textField;
  if (field === undefined) {
    return unsupported(
      ctx,
      `re on ${mapped.type} field`,
      `'${mapped.field}' is a ${mapped.type} field, where regular expressions do not run`,
    );
  }
  const translated = translatePcreToLucene(value.pattern, value.flags);
  if (!translated.ok) {
    throw ruleError(
      translated.kind === 'invalid' ? 'RULE_INVALID' : 'RULE_UNSUPPORTED',
      ctx.rule,
      { field: ctx.key, feature: `re: ${translated.feature}` },
      `regular expression '${value.pattern}': ${translated.message}`,
    );
  }
  return regexp(field, translated.regexp, translated.caseInsensitive);
}

/** The query for one value on one mapped field. */
export function valueQuery(value: MatchValue, mapped: MappedField, ctx: ValueContext): Query {
  switch (value.kind) {
    case 'string':
      return stringQuery(value.value, value.cased, mapped, ctx);
    case 'number':
      if (mapped.type === 'number') return term(mapped.field, value.value);
      if (mapped.type === 'ip') return unsupported(ctx, 'number on ip field', `'${mapped.field}' is an ip field`);
      return term(mapped.field, String(value.value));
    case 'boolean':
      if (mapped.type === 'keyword') return term(mapped.field, String(value.value), true);
      if (mapped.type === 'flattened') return term(mapped.field, String(value.value));
      return unsupported(ctx, `boolean on ${mapped.type} field`, `'${mapped.field}' is a ${mapped.type} field`);
    case 'null':
      return not(exists(mapped.field));
    case 'exists':
      return value.value ? exists(mapped.field) : not(exists(mapped.field));
    case 'compare':
      if (mapped.type !== 'number') {
        return unsupported(
          ctx,
          `modifier ${value.op} on ${mapped.type} field`,
          `'${mapped.field}' is not numeric, so '${value.op}' would compare text`,
        );
      }
      return range(mapped.field, value.op, value.value);
    case 'cidr':
      if (mapped.type === 'ip') return term(mapped.field, value.value);
      if (mapped.type === 'keyword') return cidrOnKeyword(mapped.field, value.value, ctx);
      return unsupported(ctx, `modifier cidr on ${mapped.type} field`, `'${mapped.field}' is a ${mapped.type} field`);
    case 'regex':
      return regexQuery(value, mapped, ctx);
  }
}

/**
 * A keyword (a value without a field) searched in the message fields: a substring match in any of them, as
 * Sigma keywords match anywhere in the event text.
 */
export function keywordQuery(value: MatchValue, fields: readonly string[], ctx: ValueContext): Query {
  if (fields.length === 0) return unsupported(ctx, 'keywords', 'keyword searches need at least one message field');
  switch (value.kind) {
    case 'string': {
      const pattern = withAnyAfter(withAnyBefore(value.value));
      return or(fields.map((field) => keywordString(field, pattern, value.cased)));
    }
    case 'number':
      return or(fields.map((field) => wildcard(field, `*${value.value}*`, false)));
    case 'regex':
      return or(fields.map((field) => regexQuery(value, { field, type: 'keyword' }, ctx)));
    default:
      return unsupported(ctx, `keyword ${value.kind}`, `a keyword search cannot use a ${value.kind} value`);
  }
}
