import type { estypes } from '@elastic/elasticsearch';
import { buildEventAggregations, histogramIntervalMs, type EventAggregations } from './event-aggregations.js';
import type { TimeWindow } from './time-window.js';

/** Events a broad search aggregates: enough for stable top-5 values and a histogram, cheap on any index. */
export const SAMPLED_EVENTS = 20_000;

/** Fixed, so the same broad search gives the same estimates every time. */
const SAMPLE_SEED = 4242;

/** The share of matching events a broad search aggregates; Elasticsearch accepts 0 < p < 0.5. */
export function samplingProbability(total: number, sampled = SAMPLED_EVENTS): number {
  if (total <= 0) return 0.4;
  return Math.min(0.4, Math.max(1e-6, sampled / total));
}

/** The usual aggregations, over a random sample; bucket counts come back scaled to the whole. */
export function buildSampledAggregations(window: TimeWindow, probability: number): Record<string, estypes.AggregationsAggregationContainer> {
  return { sample: { random_sampler: { probability, seed: SAMPLE_SEED }, aggs: buildEventAggregations(window) } };
}

/**
 * Where a broad search takes its sample events from: the newest (or oldest) histogram buckets that together hold
 * `wanted` events, so that sorting touches a slice of the window rather than all of it. The slice runs to the
 * window's edge, so the events returned are still the newest (or oldest) ones.
 */
export function edgeWindow(histogram: EventAggregations['histogram'], window: TimeWindow, order: 'asc' | 'desc', wanted: number): TimeWindow {
  const widthMs = histogramIntervalMs(window);
  const buckets = order === 'desc' ? [...histogram.buckets].reverse() : histogram.buckets;
  let seen = 0;
  for (const bucket of buckets) {
    seen += bucket.count;
    if (seen < wanted) continue;
    const start = Date.parse(bucket.start);
    return order === 'desc'
      ? { from: new Date(Math.max(start, Date.parse(window.from))).toISOString(), to: window.to }
      : { from: window.from, to: new Date(Math.min(start + widthMs, Date.parse(window.to))).toISOString() };
  }
  return window;
}

/** What a broad answer says about itself, for the model and the person reading it. */
export function samplingNote(total: number, probability: number): string {
  const sampled = Math.round(total * probability);
  return `${total} events matched: the aggregations are estimated from a random sample of about ${sampled} (counts scaled up; distinct counts and first/last seen come from the sample). Narrow by entity, data stream or time for exact figures.`;
}
