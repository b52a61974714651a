import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import type { TimeWindow } from './time-window.js';

export const BucketSchema = z.object({ value: z.string(), count: z.number().int() });
export type Bucket = z.infer<typeof BucketSchema>;

/** Answers to "how many, how many distinct, when" without a single raw document. */
export const EventAggregationsSchema = z.object({
  byDataStream: z.array(BucketSchema),
  byAction: z.array(BucketSchema),
  byOutcome: z.array(BucketSchema),
  topUsers: z.array(BucketSchema),
  topHosts: z.array(BucketSchema),
  topSourceIps: z.array(BucketSchema),
  topDestinationIps: z.array(BucketSchema),
  distinct: z.object({ users: z.number().int(), hosts: z.number().int(), sourceIps: z.number().int(), destinationIps: z.number().int() }),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  /** Non-empty buckets only; `interval` is the bucket width, e.g. `15m`. */
  histogram: z.object({ interval: z.string(), buckets: z.array(z.object({ start: z.string(), count: z.number().int() })) }),
});
export type EventAggregations = z.infer<typeof EventAggregationsSchema>;

const INTERVALS: readonly [string, number][] = [
  ['1m', 60_000],
  ['5m', 300_000],
  ['10m', 600_000],
  ['15m', 900_000],
  ['30m', 1_800_000],
  ['1h', 3_600_000],
  ['3h', 10_800_000],
  ['6h', 21_600_000],
  ['12h', 43_200_000],
  ['1d', 86_400_000],
];

/** The smallest bucket width that cuts the window into at most `maxBuckets` buckets. */
export function histogramInterval(window: TimeWindow, maxBuckets = 24): string {
  return histogramStep(window, maxBuckets)[0];
}

function histogramStep(window: TimeWindow, maxBuckets: number): readonly [string, number] {
  const span = Date.parse(window.to) - Date.parse(window.from);
  return INTERVALS.find(([, ms]) => span / ms <= maxBuckets) ?? ['1d', 86_400_000];
}

/** The width in milliseconds of the histogram buckets of a window. */
export function histogramIntervalMs(window: TimeWindow, maxBuckets = 24): number {
  return histogramStep(window, maxBuckets)[1];
}

/** Top values per field, in the order of the output. */
const TERMS: Record<Exclude<keyof EventAggregations, 'distinct' | 'histogram' | 'firstSeen' | 'lastSeen'>, string> = {
  byDataStream: 'data_stream.dataset',
  byAction: 'event.action',
  byOutcome: 'event.outcome',
  topUsers: 'user.name',
  topHosts: 'host.name',
  topSourceIps: 'source.ip',
  topDestinationIps: 'destination.ip',
};
const DISTINCT = { users: 'user.name', hosts: 'host.name', sourceIps: 'source.ip', destinationIps: 'destination.ip' } as const;

export function buildEventAggregations(window: TimeWindow, topN = 5): Record<string, estypes.AggregationsAggregationContainer> {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const [name, field] of Object.entries(TERMS)) aggs[name] = { terms: { field, size: topN } };
  // precision_threshold 1000: exact up to a thousand distinct values, which covers what an analyst counts by hand.
  for (const [name, field] of Object.entries(DISTINCT)) aggs[`distinct_${name}`] = { cardinality: { field, precision_threshold: 1000 } };
  aggs.firstSeen = { min: { field: '@timestamp' } };
  aggs.lastSeen = { max: { field: '@timestamp' } };
  aggs.histogram = { date_histogram: { field: '@timestamp', fixed_interval: histogramInterval(window), min_doc_count: 1 } };
  return aggs;
}

const RawTermsSchema = z.object({ buckets: z.array(z.object({ key: z.union([z.string(), z.number()]), key_as_string: z.string().optional(), doc_count: z.number() })) });
const RawValueSchema = z.object({ value: z.number().nullable(), value_as_string: z.string().optional() });
const RawHistogramSchema = z.object({ buckets: z.array(z.object({ key: z.number(), key_as_string: z.string().optional(), doc_count: z.number() })) });

function buckets(raw: unknown): Bucket[] {
  const parsed = RawTermsSchema.safeParse(raw);
  return parsed.success ? parsed.data.buckets.map((bucket) => ({ value: bucket.key_as_string ?? String(bucket.key), count: bucket.doc_count })) : [];
}

function count(raw: unknown): number {
  const parsed = RawValueSchema.safeParse(raw);
  return parsed.success ? Math.round(parsed.data.value ?? 0) : 0;
}

function time(raw: unknown): string | undefined {
  const parsed = RawValueSchema.safeParse(raw);
  return parsed.success && parsed.data.value !== null ? new Date(parsed.data.value).toISOString() : undefined;
}

/** Reads the response of `buildEventAggregations`; a missing aggregation (no data stream at all) reads as empty. */
export function parseEventAggregations(raw: unknown, window: TimeWindow): EventAggregations {
  const aggs = z.record(z.string(), z.unknown()).safeParse(raw);
  const get = (name: string): unknown => (aggs.success ? aggs.data[name] : undefined);
  const histogram = RawHistogramSchema.safeParse(get('histogram'));
  const firstSeen = time(get('firstSeen'));
  const lastSeen = time(get('lastSeen'));
  return {
    byDataStream: buckets(get('byDataStream')),
    byAction: buckets(get('byAction')),
    byOutcome: buckets(get('byOutcome')),
    topUsers: buckets(get('topUsers')),
    topHosts: buckets(get('topHosts')),
    topSourceIps: buckets(get('topSourceIps')),
    topDestinationIps: buckets(get('topDestinationIps')),
    distinct: { users: count(get('distinct_users')), hosts: count(get('distinct_hosts')), sourceIps: count(get('distinct_sourceIps')), destinationIps: count(get('distinct_destinationIps')) },
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    histogram: {
      interval: histogramInterval(window),
      buckets: histogram.success ? histogram.data.buckets.map((bucket) => ({ start: new Date(bucket.key).toISOString(), count: bucket.doc_count })) : [],
    },
  };
}
