import type { estypes } from '@elastic/elasticsearch';
import { compileRule, requireLogsource, type CompileOptions } from './compile.js';
import type { SigmaCorrelationCondition } from './correlation-rule-schema.js';
import { refOf, type SigmaCorrelationDocument, type SigmaDocument, type SigmaRuleDocument } from './parse.js';
import type { Query } from './query-dsl.js';
import { ruleError, type RuleRef } from './rule-error.js';
import type { SigmaLevel } from './rule-schema.js';

export type CorrelationOptions = CompileOptions & {
  /** Event ids kept per group (per rule for temporal types) as evidence. @defaultValue 10 */
  readonly sampleSize?: number;
  /** Groups per page of the composite aggregation. @defaultValue 1000 */
  readonly pageSize?: number;
};

/** The correlation types this compiler plans; `value_percentile` is refused. */
export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

/** Thresholds on the correlated value, all of which must hold. */
export type CorrelationThresholds = Omit<SigmaCorrelationCondition, 'field'>;

/** A rule the correlation refers to, compiled; `tag` is its `_name` in the base query and its key in reports. */
export type CorrelatedRule = {
  readonly tag: string;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly title: string;
  readonly query: Query;
};

/**
 * Everything an executor needs to run a Sigma correlation over a sliding window, and `evaluateCorrelation` needs to
 * judge the answer. Each run searches `[now - timespan, now]` (`buildCorrelationSearch`), so every run judges the
 * window that ends at that moment, not a fixed bucket; runs more frequent than the timespan overlap on purpose.
 */
export type CorrelationPlan = {
  readonly id: string | undefined;
  readonly title: string;
  readonly level: SigmaLevel | undefined;
  readonly tags: readonly string[];
  readonly type: CorrelationType;
  readonly rules: readonly CorrelatedRule[];
  readonly index: string[];
  /** Any of the rules, each clause named (`_name`) by the rule's tag. */
  readonly query: Query;
  /** Sigma group-by names and the Elasticsearch fields they resolve to, in order. */
  readonly groupBy: readonly { readonly name: string; readonly field: string }[];
  readonly timespan: string;
  readonly timespanMs: number;
  readonly condition: CorrelationThresholds;
  /** The field counted, summed or averaged by value_* types. */
  readonly valueField: string | undefined;
  /** Whether the referenced rules should also run as stand-alone rules. */
  readonly generate: boolean;
  readonly sampleSize: number;
  readonly aggregations: Record<string, estypes.AggregationsAggregationContainer>;
};

/** The aggregation every plan puts its groups under. */
export const GROUPS_AGGREGATION = 'groups';
export const TIMESTAMP_FIELD = '@timestamp';
/** temporal_ordered reads event times to check order; 100 is Elasticsearch's default cap on top_hits. */
export const ORDER_SAMPLE_SIZE = 100;

const UNITS_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m` → 300000 (milliseconds). */
export function parseTimespan(timespan: string): number | undefined {
  const match = /^([1-9][0-9]*)([smhd])$/.exec(timespan);
  const unit = match?.[2] === undefined ? undefined : UNITS_MS[match[2]];
  return match === null || unit === undefined ? undefined : Number(match[1]) * unit;
}

export const ruleAggregationName = (index: number) => `rule_${index}`;

function findRule(reference: string, documents: readonly SigmaDocument[], ref: RuleRef): SigmaRuleDocument {
  const found = documents.find((doc) => doc.rule.id === reference || doc.rule.name === reference);
  if (found === undefined) {
    throw ruleError(
      'RULE_INVALID',
      ref,
      { field: 'correlation.rules', feature: 'correlation rules' },
      `refers to '${reference}', which is no known rule id or name`,
    );
  }
  if (found.kind === 'correlation') {
    throw ruleError(
      'RULE_UNSUPPORTED',
      ref,
      { field: 'correlation.rules', feature: 'correlation chaining' },
      `refers to the correlation rule '${reference}'; chained correlations are not supported`,
    );
  }
  return found;
}

/** The one Elasticsearch field that a Sigma field (or alias) names in the events of every referenced rule. */
function resolveField(
  name: string,
  where: string,
  rules: readonly SigmaRuleDocument[],
  aliases: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ref: RuleRef,
): { field: string; numeric: boolean } {
  const alias = aliases[name];
  const resolved = rules.map((doc) => {
    const sigmaField = alias === undefined ? name : (alias[doc.rule.name ?? ''] ?? alias[doc.rule.id ?? '']);
    if (sigmaField === undefined) {
      throw ruleError(
        'RULE_INVALID',
        ref,
        { field: `correlation.aliases.${name}`, feature: 'correlation aliases' },
        `gives no field for rule '${doc.rule.name ?? doc.rule.title}'`,
      );
    }
    return requireLogsource(doc).mapField(sigmaField);
  });
  const fields = [...new Set(resolved.map((mapped) => mapped.field))];
  const [field] = fields;
  if (field === undefined || fields.length > 1) {
    throw ruleError(
      'RULE_UNSUPPORTED',
      ref,
      { field: where, feature: 'fields differing between rules' },
      `'${name}' is the field ${fields.join(' or ')} depending on the rule; one aggregation cannot group on several fields without a script`,
    );
  }
  return { field, numeric: resolved.every((mapped) => mapped.type === 'number') };
}

function thresholdsOf(condition: SigmaCorrelationCondition | undefined): CorrelationThresholds {
  const { gt, gte, lt, lte, eq, neq } = condition ?? {};
  return Object.fromEntries(Object.entries({ gt, gte, lt, lte, eq, neq }).filter(([, value]) => value !== undefined));
}

function metadataOf(document: SigmaCorrelationDocument) {
  const { rule } = document;
  return { id: rule.id, title: rule.title, level: rule.level, tags: rule.tags };
}

function timing(): Record<string, estypes.AggregationsAggregationContainer> {
  return { first_seen: { min: { field: TIMESTAMP_FIELD } }, last_seen: { max: { field: TIMESTAMP_FIELD } } };
}

function sample(size: number): estypes.AggregationsAggregationContainer {
  return { top_hits: { size, _source: false, sort: [{ [TIMESTAMP_FIELD]: { order: 'asc' } }] } };
}

/**
 * Plans a Sigma correlation rule (event_count, value_count, value_sum, value_avg, temporal, temporal_ordered) over
 * the detection rules it names, found by id or `name` in `documents` (the same file or the whole rule pack).
 * Throws `RULE_INVALID` / `RULE_UNSUPPORTED` naming the rule, field and feature.
 */
export function compileCorrelation(
  document: SigmaCorrelationDocument,
  documents: readonly SigmaDocument[],
  options: CorrelationOptions = {},
): CorrelationPlan {
  const ref = refOf(document);
  const { correlation } = document.rule;
  const type = correlation.type;
  if (type === 'value_percentile') {
    throw ruleError(
      'RULE_UNSUPPORTED',
      ref,
      { field: 'correlation.type', feature: 'value_percentile' },
      'value_percentile is not supported: the specification does not define which percentile the condition bounds',
    );
  }
  const timespanMs = parseTimespan(correlation.timespan);
  if (timespanMs === undefined) {
    throw ruleError(
      'RULE_INVALID',
      ref,
      { field: 'correlation.timespan', feature: 'timespan' },
      `'${correlation.timespan}' is not a timespan`,
    );
  }
  const sampleSize = options.sampleSize ?? 10;
  const referenced = correlation.rules.map((reference) => findRule(reference, documents, ref));
  const compiled = referenced.map((doc) => compileRule(doc, options));
  const datasets = referenced.map((doc) => requireLogsource(doc).datasets.join(','));
  const mixedSources = new Set(datasets).size > 1;
  const rules: CorrelatedRule[] = referenced.map((doc, i) => {
    const query = compiled[i]?.query ?? { match_none: {} };
    const dataset = requireLogsource(doc).datasets;
    return {
      tag: doc.rule.id ?? doc.rule.name ?? doc.rule.title,
      id: doc.rule.id,
      name: doc.rule.name,
      title: doc.rule.title,
      // When the rules read different data streams, each must only match in its own.
      query: mixedSources ? { bool: { filter: [query, { terms: { 'data_stream.dataset': [...dataset] } }] } } : query,
    };
  });

  const groupBy = correlation['group-by'].map((name) => ({
    name,
    field: resolveField(name, 'correlation.group-by', referenced, correlation.aliases, ref).field,
  }));
  if (new Set(groupBy.map((group) => group.field)).size < groupBy.length) {
    throw ruleError('RULE_INVALID', ref, { field: 'correlation.group-by', feature: 'group-by' }, 'names one field twice');
  }

  let condition = thresholdsOf(correlation.condition);
  let valueField: string | undefined;
  const sub: Record<string, estypes.AggregationsAggregationContainer> = { ...timing() };
  if (type === 'temporal' || type === 'temporal_ordered') {
    if (Object.keys(condition).length === 0) condition = { gte: rules.length };
    const size = type === 'temporal_ordered' ? Math.max(ORDER_SAMPLE_SIZE, sampleSize) : sampleSize;
    rules.forEach((rule, i) => {
      sub[ruleAggregationName(i)] = { filter: rule.query, aggs: { ...timing(), events: sample(size) } };
    });
  } else {
    if (Object.keys(condition).length === 0) {
      throw ruleError(
        'RULE_INVALID',
        ref,
        { field: 'correlation.condition', feature: type },
        `${type} needs a condition such as gte: 10`,
      );
    }
    sub.events = sample(sampleSize);
    if (type !== 'event_count') {
      const raw = correlation.condition?.field;
      const names = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
      const [name, ...more] = names;
      if (name === undefined) {
        throw ruleError(
          'RULE_INVALID',
          ref,
          { field: 'correlation.condition.field', feature: type },
          `${type} needs condition.field`,
        );
      }
      if (more.length > 0) {
        throw ruleError(
          'RULE_UNSUPPORTED',
          ref,
          { field: 'correlation.condition.field', feature: `${type} on several fields` },
          'only one field is supported',
        );
      }
      const resolved = resolveField(name, 'correlation.condition.field', referenced, correlation.aliases, ref);
      valueField = resolved.field;
      if (type === 'value_count') {
        const largest = Math.max(...Object.values(condition).filter((value): value is number => value !== undefined));
        // Cardinality is exact below its precision threshold; size it to the condition, within ES's 40000 cap.
        const precision = Math.min(40_000, Math.max(100, 2 * largest));
        sub.value = { cardinality: { field: valueField, precision_threshold: precision } };
      } else {
        if (!resolved.numeric) {
          throw ruleError(
            'RULE_UNSUPPORTED',
            ref,
            { field: 'correlation.condition.field', feature: `${type} on a non-numeric field` },
            `'${valueField}' is not a numeric field`,
          );
        }
        sub.value = type === 'value_sum' ? { sum: { field: valueField } } : { avg: { field: valueField } };
      }
    }
  }

  const groups: estypes.AggregationsAggregationContainer =
    groupBy.length === 0
      ? { filter: { match_all: {} }, aggs: sub }
      : {
          composite: {
            size: options.pageSize ?? 1000,
            sources: groupBy.map((group) => ({ [group.field]: { terms: { field: group.field } } })),
          },
          aggs: sub,
        };

  return {
    ...metadataOf(document),
    type,
    rules,
    index: [...new Set(compiled.flatMap((rule) => rule.index))],
    query: { bool: { should: rules.map((rule) => ({ bool: { filter: [rule.query], _name: rule.tag } })), minimum_should_match: 1 } },
    groupBy,
    timespan: correlation.timespan,
    timespanMs,
    condition,
    valueField,
    generate: document.rule.generate ?? correlation.generate ?? false,
    sampleSize,
    aggregations: { [GROUPS_AGGREGATION]: groups },
  };
}

/**
 * The search for one run of a plan: the window `[now - timespan, now]`, no hits, the plan's aggregations, and
 * `after` to fetch the next page of groups (the `after_key` of the previous response).
 */
export function buildCorrelationSearch(
  plan: CorrelationPlan,
  now: Date,
  after?: Record<string, estypes.FieldValue>,
): estypes.SearchRequest {
  const window = { gte: new Date(now.getTime() - plan.timespanMs).toISOString(), lte: now.toISOString() };
  const groups = plan.aggregations[GROUPS_AGGREGATION];
  const aggregations =
    after === undefined || groups?.composite === undefined
      ? plan.aggregations
      : { [GROUPS_AGGREGATION]: { ...groups, composite: { ...groups.composite, after } } };
  return {
    index: plan.index,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [plan.query, { range: { [TIMESTAMP_FIELD]: window } }] } },
    aggregations,
  };
}
