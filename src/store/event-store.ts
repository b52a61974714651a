import type { estypes } from '@elastic/elasticsearch';
import { DATASETS, dataStreamName, type Dataset } from '../telemetry/ecs-common.js';
import type { EsClient } from './es-client.js';

/**
 * The data streams of a namespace, named one by one: a `logs-*-<namespace>` pattern would also match a namespace
 * that merely ends the same way (`bench-default` for `default`).
 */
export function telemetryDataStreams(namespace: string, datasets: readonly Dataset[] = DATASETS): string[] {
  return datasets.map((dataset) => dataStreamName(dataset, namespace));
}

export interface TelemetrySearch {
  datasets?: readonly Dataset[];
  query: estypes.QueryDslQueryContainer;
  size: number;
  /** By `@timestamp`, then by `event.id` so that equal times page and sort the same way every time. */
  order?: 'asc' | 'desc';
  /** Only these source fields come back: tools never hand out whole documents. */
  fields: readonly string[];
  aggs?: Record<string, estypes.AggregationsAggregationContainer>;
  /** @defaultValue true (exact totals; counting is cheap next to the aggregations) */
  trackTotalHits?: boolean | number;
}

export interface TelemetryHit {
  id: string;
  source: unknown;
}

export interface TelemetryResult {
  total: number;
  /** False when the total is a lower bound (`trackTotalHits` was a number and was reached). */
  totalIsExact: boolean;
  hits: TelemetryHit[];
  aggregations: unknown;
  tookMs: number;
}

/** A read-only search over the telemetry data streams of one namespace; missing data streams count as empty. */
export async function searchTelemetry(es: EsClient, namespace: string, search: TelemetrySearch): Promise<TelemetryResult> {
  const response = await es.search<unknown>({
    index: telemetryDataStreams(namespace, search.datasets),
    ignore_unavailable: true,
    allow_no_indices: true,
    query: search.query,
    size: search.size,
    sort: [{ '@timestamp': { order: search.order ?? 'desc' } }, { 'event.id': { order: search.order ?? 'desc' } }],
    _source: { includes: [...search.fields] },
    track_total_hits: search.trackTotalHits ?? true,
    ...(search.aggs ? { aggs: search.aggs } : {}),
  });
  const total = response.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    totalIsExact: typeof total === 'number' || total?.relation !== 'gte',
    hits: response.hits.hits.map((hit) => ({ id: hit._id ?? '', source: hit._source })),
    aggregations: response.aggregations,
    tookMs: response.took,
  };
}

/** The exact number of telemetry events matching a query: Elasticsearch counts without collecting documents. */
export async function countTelemetry(es: EsClient, namespace: string, search: Pick<TelemetrySearch, 'datasets' | 'query'>): Promise<number> {
  const response = await es.count({ index: telemetryDataStreams(namespace, search.datasets), ignore_unavailable: true, allow_no_indices: true, query: search.query });
  return response.count;
}

/** Telemetry documents by id (`event.id` is the `_id`), in no particular order; unknown ids are simply absent. */
export async function fetchTelemetryByIds(es: EsClient, namespace: string, ids: readonly string[], fields: readonly string[]): Promise<TelemetryHit[]> {
  if (ids.length === 0) return [];
  const response = await es.search<unknown>({
    index: telemetryDataStreams(namespace),
    ignore_unavailable: true,
    allow_no_indices: true,
    query: { ids: { values: [...ids] } },
    size: ids.length,
    _source: { includes: [...fields] },
  });
  return response.hits.hits.map((hit) => ({ id: hit._id ?? '', source: hit._source }));
}
