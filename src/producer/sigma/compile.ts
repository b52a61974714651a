import { keywordQuery, valueQuery, type ValueContext } from './compile-value.js';
import { matchesIdentifierPattern, parseCondition, type ConditionNode } from './condition.js';
import { resolveLogsource, type LogsourceMapping } from './field-mapping.js';
import { applyModifiers, type FieldMatcher } from './modifiers.js';
import { refOf, type SigmaRuleDocument } from './parse.js';
import { and, countLeafQueries, not, or, type Query } from './query-dsl.js';
import { ruleError, type RuleRef } from './rule-error.js';
import type { SigmaDetectionMap, SigmaLevel, SigmaSearchIdentifier } from './rule-schema.js';

export type CompileOptions = {
  /** Data stream namespace to search (`SOC_NAMESPACE`); `*` searches all. @defaultValue `'*'` */
  readonly namespace?: string;
  /**
   * Keyword fields searched by keyword detections (values without a field), with a substring match. Only indexed
   * keyword fields work: the project's templates keep `event.original` unindexed, so it is not in the default.
   * @defaultValue `['message']`
   */
  readonly keywordFields?: readonly string[];
  /**
   * The most leaf conditions a compiled rule may hold. Larger rules (thousands of leading-wildcard patterns) trip
   * Elasticsearch's memory circuit breaker on small nodes, so they are refused up front.
   * @defaultValue 2048
   */
  readonly maxLeafQueries?: number;
};

export const DEFAULT_KEYWORD_FIELDS: readonly string[] = ['message'];
export const DEFAULT_MAX_LEAF_QUERIES = 2048;

/** A detection rule ready to run: where to search and what to match, plus what an Alert needs of the rule. */
export type CompiledRule = {
  readonly id: string | undefined;
  readonly title: string;
  readonly level: SigmaLevel | undefined;
  readonly tags: readonly string[];
  /** The log source mapping used, e.g. `windows/sysmon/process_creation`. */
  readonly logsource: string;
  readonly index: string[];
  readonly query: Query;
};

type DetectionContext = {
  readonly rule: RuleRef;
  readonly mapping: LogsourceMapping;
  readonly keywordFields: readonly string[];
};

function fieldMatcherQuery(matcher: FieldMatcher, key: string, ctx: DetectionContext): Query {
  const valueCtx: ValueContext = { rule: ctx.rule, key };
  const mapped = matcher.field === '' ? undefined : ctx.mapping.mapField(matcher.field);
  const groups = matcher.groups.map((alternatives) =>
    or(
      alternatives.map((value) =>
        mapped === undefined ? keywordQuery(value, ctx.keywordFields, valueCtx) : valueQuery(value, mapped, valueCtx),
      ),
    ),
  );
  const combined = matcher.linking === 'and' ? and(groups) : or(groups);
  return matcher.negated ? not(combined) : combined;
}

function mapQuery(map: SigmaDetectionMap, name: string, ctx: DetectionContext): Query {
  const entries = Object.entries(map);
  if (entries.length === 0) {
    throw ruleError('RULE_INVALID', ctx.rule, { field: `detection.${name}`, feature: 'search identifier' }, 'is an empty map');
  }
  return and(entries.map(([key, values]) => fieldMatcherQuery(applyModifiers(key, values, ctx.rule), key, ctx)));
}

function searchIdentifierQuery(name: string, identifier: SigmaSearchIdentifier, ctx: DetectionContext): Query {
  if (!Array.isArray(identifier)) return mapQuery(identifier, name, ctx);
  if (identifier.length === 0) {
    throw ruleError('RULE_INVALID', ctx.rule, { field: `detection.${name}`, feature: 'search identifier' }, 'is an empty list');
  }
  return or(
    identifier.map((item) =>
      typeof item === 'object'
        ? mapQuery(item, name, ctx)
        : fieldMatcherQuery(applyModifiers('', item, ctx.rule), `detection.${name}`, ctx),
    ),
  );
}

function conditionQuery(node: ConditionNode, identifiers: ReadonlyMap<string, () => Query>, ctx: DetectionContext): Query {
  switch (node.type) {
    case 'and':
      return and(node.children.map((child) => conditionQuery(child, identifiers, ctx)));
    case 'or':
      return or(node.children.map((child) => conditionQuery(child, identifiers, ctx)));
    case 'not':
      return not(conditionQuery(node.child, identifiers, ctx));
    case 'identifier': {
      const query = identifiers.get(node.name);
      if (query === undefined) {
        throw ruleError(
          'RULE_INVALID',
          ctx.rule,
          { field: 'detection.condition', feature: 'condition' },
          `names no search identifier '${node.name}'`,
        );
      }
      return query();
    }
    case 'of': {
      const matching = [...identifiers.entries()].filter(([name]) =>
        node.pattern === undefined ? !name.startsWith('_') : matchesIdentifierPattern(node.pattern, name),
      );
      const target = node.pattern ?? 'them';
      if (matching.length === 0) {
        throw ruleError(
          'RULE_INVALID',
          ctx.rule,
          { field: 'detection.condition', feature: 'condition' },
          `'${target}' matches no search identifier`,
        );
      }
      const queries = matching.map(([, query]) => query());
      if (node.quantifier === 'all') return and(queries);
      if (node.quantifier > matching.length) {
        throw ruleError(
          'RULE_INVALID',
          ctx.rule,
          { field: 'detection.condition', feature: 'condition' },
          `'${node.quantifier} of ${target}' asks for more than the ${matching.length} matching search identifiers`,
        );
      }
      return or(queries, node.quantifier);
    }
  }
}

/**
 * The query of a rule's detection alone (search identifiers and condition), with fields named by `mapping`. Each
 * search identifier is compiled once, when the condition first uses it.
 */
export function compileDetection(document: SigmaRuleDocument, mapping: LogsourceMapping, options: CompileOptions = {}): Query {
  const ctx: DetectionContext = {
    rule: refOf(document),
    mapping,
    keywordFields: options.keywordFields ?? DEFAULT_KEYWORD_FIELDS,
  };
  const identifiers = new Map<string, () => Query>();
  for (const [name, identifier] of Object.entries(document.rule.detection.identifiers)) {
    let cached: Query | undefined;
    identifiers.set(name, () => (cached ??= searchIdentifierQuery(name, identifier, ctx)));
  }
  const conditions = document.rule.detection.conditions.map((text) => {
    const parsed = parseCondition(text);
    if (!parsed.ok) {
      throw ruleError(
        parsed.kind === 'invalid' ? 'RULE_INVALID' : 'RULE_UNSUPPORTED',
        ctx.rule,
        { field: 'detection.condition', feature: parsed.feature },
        `condition '${text}' ${parsed.message}`,
      );
    }
    return conditionQuery(parsed.node, identifiers, ctx);
  });
  return or(conditions);
}

/** The log source mapping of a rule, or `RULE_UNSUPPORTED` when the project collects no such events. */
export function requireLogsource(document: SigmaRuleDocument): LogsourceMapping {
  const mapping = resolveLogsource(document.rule.logsource);
  if (mapping === undefined) {
    const { product, category, service } = document.rule.logsource;
    const described = Object.entries({ product, category, service })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ');
    throw ruleError(
      'RULE_UNSUPPORTED',
      refOf(document),
      { field: 'logsource', feature: 'logsource' },
      `no data stream holds the log source {${described}}`,
    );
  }
  return mapping;
}

/**
 * Compiles a Sigma detection rule into Elasticsearch Query DSL (no `query_string`, no scripts): the log source's
 * filter AND the detection. Throws `RULE_INVALID` or `RULE_UNSUPPORTED` naming the rule, field and feature rather
 * than emit a query that would match something else.
 */
export function compileRule(document: SigmaRuleDocument, options: CompileOptions = {}): CompiledRule {
  const mapping = requireLogsource(document);
  const detection = compileDetection(document, mapping, options);
  const { rule } = document;
  const leaves = countLeafQueries(detection);
  const limit = options.maxLeafQueries ?? DEFAULT_MAX_LEAF_QUERIES;
  if (leaves > limit) {
    throw ruleError(
      'RULE_UNSUPPORTED',
      refOf(document),
      { field: 'detection', feature: 'query size' },
      `compiles to ${leaves} conditions, more than the limit of ${limit}`,
    );
  }
  return {
    id: rule.id,
    title: rule.title,
    level: rule.level,
    tags: rule.tags,
    logsource: mapping.name,
    index: mapping.indices(options.namespace),
    query: mapping.filter === undefined ? detection : and([mapping.filter, detection]),
  };
}
