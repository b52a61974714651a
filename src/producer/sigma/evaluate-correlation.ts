import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { GROUPS_AGGREGATION, ruleAggregationName, type CorrelationPlan, type CorrelationThresholds } from './correlation.js';

const GroupValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A group of events that satisfies a correlation in the searched window. */
export const CorrelationMatchSchema = z.object({
  /** The correlation rule's id, when it has one. */
  ruleId: z.string().optional(),
  /** The group-by values, keyed by Elasticsearch field; empty without group-by. */
  group: z.record(z.string(), GroupValueSchema),
  /**
   * What the condition was checked against: the event count (event_count), distinct values (value_count), the sum
   * or average (value_sum, value_avg), the number of rules that matched (temporal) or the length of the in-order
   * chain of rules found (temporal_ordered).
   */
  value: z.number(),
  eventCount: z.number().int().min(0),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  /** Ids of sample events, earliest first (per rule, in rule order, for temporal types). */
  eventIds: z.array(z.string()),
  /** Events per referenced rule, keyed by rule tag (temporal types only). */
  ruleCounts: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type CorrelationMatch = z.infer<typeof CorrelationMatchSchema>;

const MetricSchema = z.object({ value: z.number().nullable(), value_as_string: z.string().optional() });
const HitsSchema = z.object({
  hits: z.object({
    hits: z.array(z.object({ _id: z.string(), sort: z.array(z.union([z.number(), z.string(), z.null()])).optional() })),
  }),
});
const TimedSchema = z.object({ doc_count: z.number().int().min(0), first_seen: MetricSchema, last_seen: MetricSchema });
const RuleBucketSchema = TimedSchema.extend({ events: HitsSchema });
const GroupBucketSchema = z.looseObject({
  ...TimedSchema.shape,
  key: z.record(z.string(), GroupValueSchema).optional(),
  events: HitsSchema.optional(),
  value: MetricSchema.optional(),
});
type GroupBucket = z.infer<typeof GroupBucketSchema>;
/** With group-by, a composite aggregation's page of buckets; without, the one bucket of a filter aggregation. */
const CompositeResponseSchema = z.object({ [GROUPS_AGGREGATION]: z.object({ buckets: z.array(GroupBucketSchema) }) });
const SingleResponseSchema = z.object({ [GROUPS_AGGREGATION]: GroupBucketSchema });

function invalidResponse(plan: CorrelationPlan, detail: string, cause?: unknown): SocAgentError {
  return new SocAgentError(
    'INPUT_INVALID',
    `correlation "${plan.title}": the aggregation response does not have the planned shape: ${detail}`,
    { rule: plan.id, title: plan.title },
    cause === undefined ? undefined : { cause },
  );
}

function isoOf(metric: z.infer<typeof MetricSchema>): string | undefined {
  if (metric.value === null) return undefined;
  return new Date(metric.value).toISOString();
}

/** All thresholds hold (they are linked with AND). */
export function meetsThresholds(value: number, thresholds: CorrelationThresholds): boolean {
  const { gt, gte, lt, lte, eq, neq } = thresholds;
  return (
    (gt === undefined || value > gt) &&
    (gte === undefined || value >= gte) &&
    (lt === undefined || value < lt) &&
    (lte === undefined || value <= lte) &&
    (eq === undefined || value === eq) &&
    (neq === undefined || value !== neq)
  );
}

type RuleBucket = z.infer<typeof RuleBucketSchema>;

const timesOf = (bucket: RuleBucket): number[] =>
  bucket.events.hits.hits.map((hit) => hit.sort?.[0]).filter((value): value is number => typeof value === 'number');

/**
 * How many of the rules, in order, can be matched by events at non-decreasing times (events in the same
 * millisecond count as in order, since many logs keep only seconds). For each rule it takes the earliest event not
 * before the previous one. When a rule matched more events than were sampled and none of the sampled ones fits,
 * its latest event (`last_seen`) stands in: that can only shorten the chain, never invent one.
 */
function orderedChainLength(buckets: readonly RuleBucket[]): number {
  let previous = Number.NEGATIVE_INFINITY;
  let length = 0;
  for (const bucket of buckets) {
    if (bucket.doc_count === 0) break;
    const times = timesOf(bucket);
    let next = times.find((time) => time >= previous);
    const latest = bucket.last_seen.value;
    if (next === undefined && times.length < bucket.doc_count && latest !== null && latest >= previous) next = latest;
    if (next === undefined) break;
    previous = next;
    length += 1;
  }
  return length;
}

function ruleBuckets(plan: CorrelationPlan, bucket: GroupBucket): RuleBucket[] {
  return plan.rules.map((_, i) => {
    const parsed = RuleBucketSchema.safeParse(bucket[ruleAggregationName(i)]);
    if (!parsed.success) throw invalidResponse(plan, `${ruleAggregationName(i)}: ${parsed.error.message}`, parsed.error);
    return parsed.data;
  });
}

function evaluateBucket(plan: CorrelationPlan, bucket: GroupBucket): CorrelationMatch | undefined {
  const firstSeen = isoOf(bucket.first_seen);
  const lastSeen = isoOf(bucket.last_seen);
  if (bucket.doc_count === 0 || firstSeen === undefined || lastSeen === undefined) return undefined;
  let value: number;
  let eventIds: string[];
  let ruleCounts: Record<string, number> | undefined;
  if (plan.type === 'temporal' || plan.type === 'temporal_ordered') {
    const perRule = ruleBuckets(plan, bucket);
    value = plan.type === 'temporal' ? perRule.filter((rule) => rule.doc_count > 0).length : orderedChainLength(perRule);
    eventIds = [...new Set(perRule.flatMap((rule) => rule.events.hits.hits.slice(0, plan.sampleSize).map((hit) => hit._id)))];
    ruleCounts = Object.fromEntries(plan.rules.map((rule, i) => [rule.tag, perRule[i]?.doc_count ?? 0]));
  } else {
    const metric = plan.type === 'event_count' ? bucket.doc_count : bucket.value?.value;
    if (metric === undefined) throw invalidResponse(plan, `a group has no 'value' for ${plan.type}`);
    if (metric === null) return undefined; // avg of no values
    value = metric;
    eventIds = bucket.events?.hits.hits.map((hit) => hit._id) ?? [];
  }
  if (!meetsThresholds(value, plan.condition)) return undefined;
  return {
    ...(plan.id === undefined ? {} : { ruleId: plan.id }),
    group: bucket.key ?? {},
    value,
    eventCount: bucket.doc_count,
    firstSeen,
    lastSeen,
    eventIds,
    ...(ruleCounts === undefined ? {} : { ruleCounts }),
  };
}

/**
 * Judges one page of the aggregation response of `buildCorrelationSearch(plan, now)` (the `aggregations` object):
 * the groups that satisfy the correlation in that window. Pure; the executor pages with `after_key` and calls this
 * per page. Throws `INPUT_INVALID` when the response does not have the shape the plan asked for.
 */
export function evaluateCorrelation(plan: CorrelationPlan, aggregations: unknown): CorrelationMatch[] {
  let buckets: GroupBucket[];
  if (plan.groupBy.length > 0) {
    const parsed = CompositeResponseSchema.safeParse(aggregations);
    if (!parsed.success) throw invalidResponse(plan, parsed.error.message, parsed.error);
    buckets = parsed.data[GROUPS_AGGREGATION].buckets;
  } else {
    const parsed = SingleResponseSchema.safeParse(aggregations);
    if (!parsed.success) throw invalidResponse(plan, parsed.error.message, parsed.error);
    buckets = [parsed.data[GROUPS_AGGREGATION]];
  }
  return buckets.flatMap((bucket) => evaluateBucket(plan, bucket) ?? []);
}
