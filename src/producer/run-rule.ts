import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import type { EsClient } from '../store/es-client.js';
import type { DetectionMatch } from './detection-match.js';
import { ENTITY_SOURCE_FIELDS, entitiesOf } from './entities.js';
import type { DetectionRule } from './rule-pack.js';
import { evaluateCorrelation, type CorrelationMatch, type CorrelationPlan } from './sigma/index.js';

const GROUPS = 'groups';
const PAGE = 500;
const SAMPLES = 20;
/** Groups re-examined window by window in a backfill; more than this means the rule is too noisy to backfill. */
const MAX_BACKFILL_GROUPS = 200;

export interface TimeWindow {
  from: Date;
  to: Date;
}

const searchOptions = { ignore_unavailable: true, allow_no_indices: true } as const;

function inWindow(query: estypes.QueryDslQueryContainer, window: TimeWindow): estypes.QueryDslQueryContainer {
  return { bool: { filter: [query, { range: { '@timestamp': { gte: window.from.toISOString(), lte: window.to.toISOString(), format: 'strict_date_optional_time' } } }] } };
}

const SingleBucketSchema = z.object({
  key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  doc_count: z.number(),
  first_seen: z.object({ value_as_string: z.string().optional(), value: z.number().nullable() }),
  last_seen: z.object({ value_as_string: z.string().optional(), value: z.number().nullable() }),
  samples: z.object({ hits: z.object({ hits: z.array(z.object({ _id: z.string(), _source: z.unknown().optional() })) }) }),
});
const SingleResponseSchema = z.object({
  [GROUPS]: z.object({ after_key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(), buckets: z.array(SingleBucketSchema) }),
});

function isoOf(value: { value_as_string?: string | undefined; value: number | null }): string {
  return new Date(value.value ?? Date.parse(value.value_as_string ?? '')).toISOString();
}

/** A single-event rule over a window: one match per distinct entity, with counts, times and sample events. */
export async function searchSingleRule(es: EsClient, rule: Extract<DetectionRule, { kind: 'single' }>, window: TimeWindow): Promise<DetectionMatch[]> {
  const matches: DetectionMatch[] = [];
  let after: Record<string, estypes.FieldValue> | undefined;
  for (;;) {
    const response = await es.search({
      index: rule.compiled.index,
      ...searchOptions,
      size: 0,
      track_total_hits: false,
      query: inWindow(rule.compiled.query, window),
      aggregations: {
        [GROUPS]: {
          composite: {
            size: PAGE,
            sources: rule.entityFields.map((field) => ({ [field]: { terms: { field, missing_bucket: true } } })),
            ...(after ? { after } : {}),
          },
          aggregations: {
            first_seen: { min: { field: '@timestamp' } },
            last_seen: { max: { field: '@timestamp' } },
            samples: { top_hits: { size: SAMPLES, sort: [{ '@timestamp': { order: 'asc' } }], _source: { includes: [...ENTITY_SOURCE_FIELDS] } } },
          },
        },
      },
    });
    if (!response.aggregations) return matches;
    const parsed = SingleResponseSchema.parse(response.aggregations);
    for (const bucket of parsed[GROUPS].buckets) {
      const hits = bucket.samples.hits.hits;
      matches.push({
        group: bucket.key,
        firstSeen: isoOf(bucket.first_seen),
        lastSeen: isoOf(bucket.last_seen),
        eventCount: bucket.doc_count,
        sampleEventIds: hits.map((hit) => hit._id),
        entities: entitiesOf(hits.map((hit) => hit._source)),
      });
    }
    after = parsed[GROUPS].after_key;
    if (!after || parsed[GROUPS].buckets.length < PAGE) return matches;
  }
}

function correlationRequest(plan: CorrelationPlan, window: TimeWindow, groupFilter: estypes.QueryDslQueryContainer[], after?: Record<string, estypes.FieldValue>): estypes.SearchRequest {
  const groups = plan.aggregations[GROUPS];
  const aggregations = after && groups?.composite ? { [GROUPS]: { ...groups, composite: { ...groups.composite, after } } } : plan.aggregations;
  return {
    index: plan.index,
    ...searchOptions,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [inWindow(plan.query, window), ...groupFilter] } },
    aggregations,
  };
}

const AfterKeySchema = z.object({ [GROUPS]: z.object({ after_key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() }).optional() });

/** Evaluates a correlation over exactly one window (all pages of groups). */
export async function searchCorrelation(es: EsClient, plan: CorrelationPlan, window: TimeWindow, groupFilter: estypes.QueryDslQueryContainer[] = []): Promise<CorrelationMatch[]> {
  const matches: CorrelationMatch[] = [];
  let after: Record<string, estypes.FieldValue> | undefined;
  for (;;) {
    const response = await es.search(correlationRequest(plan, window, groupFilter, after));
    if (!response.aggregations) return matches;
    matches.push(...evaluateCorrelation(plan, response.aggregations));
    const next = AfterKeySchema.parse(response.aggregations)[GROUPS]?.after_key;
    if (!next || plan.groupBy.length === 0) return matches;
    after = next;
  }
}

/** Whether satisfying the condition over a window implies a larger window satisfies it too (counts and sums only grow). */
function isMonotonic(plan: CorrelationPlan): boolean {
  const bounds = Object.keys(plan.condition);
  return plan.type !== 'value_avg' && bounds.length > 0 && bounds.every((bound) => bound === 'gte' || bound === 'gt');
}

/**
 * Evaluates a correlation over a long past window as if it had run continuously: sliding windows of its timespan,
 * a quarter timespan apart. To stay cheap it first evaluates the whole range — a group that fails there cannot
 * pass in any part of it — and slides only over the groups that pass, within their own first/last seen.
 * Consecutive matching windows of one group become one match; a gap longer than `mergeGapMs` starts another.
 */
export async function backfillCorrelation(es: EsClient, plan: CorrelationPlan, window: TimeWindow, mergeGapMs: number): Promise<CorrelationMatch[]> {
  const whole = await searchCorrelation(es, plan, window);
  const candidates = isMonotonic(plan) ? whole : await searchCorrelation(es, { ...plan, condition: { gte: 0 } }, window);
  const step = Math.max(1_000, Math.floor(plan.timespanMs / 4));
  const results: CorrelationMatch[] = [];
  for (const candidate of candidates.slice(0, MAX_BACKFILL_GROUPS)) {
    const groupFilter = Object.entries(candidate.group).map(([field, value]) => (value === null ? { bool: { must_not: { exists: { field } } } } : { term: { [field]: value } }));
    const start = Math.max(window.from.getTime(), Date.parse(candidate.firstSeen));
    const end = Math.min(window.to.getTime(), Date.parse(candidate.lastSeen) + plan.timespanMs);
    let current: CorrelationMatch | undefined;
    for (let windowEnd = start + Math.min(step, plan.timespanMs); windowEnd <= end + step; windowEnd += step) {
      const slice = { from: new Date(Math.max(window.from.getTime(), windowEnd - plan.timespanMs)), to: new Date(Math.min(windowEnd, window.to.getTime())) };
      const [match] = await searchCorrelation(es, plan, slice, groupFilter);
      if (!match) continue;
      if (current && Date.parse(match.firstSeen) - Date.parse(current.lastSeen) <= mergeGapMs) {
        current = {
          ...current,
          lastSeen: match.lastSeen > current.lastSeen ? match.lastSeen : current.lastSeen,
          value: Math.max(current.value, match.value),
          eventCount: Math.max(current.eventCount, match.eventCount),
          eventIds: [...new Set([...current.eventIds, ...match.eventIds])].slice(0, SAMPLES),
        };
      } else {
        if (current) results.push(current);
        current = match;
      }
    }
    if (current) results.push(current);
  }
  return results;
}

/** Completes correlation matches with the entities of their sample events (one search for all of them). */
export async function toDetectionMatches(es: EsClient, plan: CorrelationPlan, matches: readonly CorrelationMatch[]): Promise<DetectionMatch[]> {
  const ids = [...new Set(matches.flatMap((match) => match.eventIds))];
  const sources = new Map<string, unknown>();
  if (ids.length > 0) {
    const response = await es.search({ index: plan.index, ...searchOptions, size: ids.length, query: { ids: { values: ids } }, _source: { includes: [...ENTITY_SOURCE_FIELDS] } });
    for (const hit of response.hits.hits) if (hit._id) sources.set(hit._id, hit._source);
  }
  return matches.map((match) => ({
    group: match.group,
    firstSeen: match.firstSeen,
    lastSeen: match.lastSeen,
    eventCount: match.eventCount,
    value: match.value,
    sampleEventIds: match.eventIds.slice(0, SAMPLES),
    entities: entitiesOf(match.eventIds.map((id) => sources.get(id))),
  }));
}
