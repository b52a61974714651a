import { describe, expect, it } from 'vitest';
import { buildSampledAggregations, edgeWindow, samplingNote, samplingProbability } from '../../../src/mcp-server/broad-search.js';

const day = { from: '2026-11-18T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' };
const histogram = {
  interval: '1h',
  buckets: [
    { start: '2026-11-18T02:00:00.000Z', count: 40 },
    { start: '2026-11-18T09:00:00.000Z', count: 5 },
    { start: '2026-11-18T21:00:00.000Z', count: 3 },
  ],
};

describe('samplingProbability', () => {
  it('aggregates about twenty thousand events whatever the total', () => {
    expect(samplingProbability(1_000_000)).toBeCloseTo(0.02);
    expect(samplingProbability(200_000)).toBeCloseTo(0.1);
  });

  it('stays below the 0.5 Elasticsearch accepts, and above zero', () => {
    expect(samplingProbability(30_000)).toBe(0.4);
    expect(samplingProbability(0)).toBe(0.4);
    expect(samplingProbability(1e12)).toBeGreaterThan(0);
  });
});

describe('edgeWindow', () => {
  it('takes the newest buckets that hold enough events, up to the end of the window', () => {
    expect(edgeWindow(histogram, day, 'desc', 3)).toEqual({ from: '2026-11-18T21:00:00.000Z', to: day.to });
    expect(edgeWindow(histogram, day, 'desc', 6)).toEqual({ from: '2026-11-18T09:00:00.000Z', to: day.to });
  });

  it('takes the oldest buckets from the start of the window when the oldest events are wanted', () => {
    expect(edgeWindow(histogram, day, 'asc', 10)).toEqual({ from: day.from, to: '2026-11-18T03:00:00.000Z' });
  });

  it('falls back to the whole window when the buckets hold fewer events than wanted', () => {
    expect(edgeWindow(histogram, day, 'desc', 500)).toEqual(day);
    expect(edgeWindow({ interval: '1h', buckets: [] }, day, 'asc', 1)).toEqual(day);
  });
});

describe('sampled aggregations', () => {
  it('wrap the usual aggregations in a seeded random sampler', () => {
    const aggs = buildSampledAggregations(day, 0.02);
    expect(aggs.sample?.random_sampler?.probability).toBe(0.02);
    expect(typeof aggs.sample?.random_sampler?.seed).toBe('number');
    expect(Object.keys(aggs.sample?.aggs ?? {})).toContain('topSourceIps');
  });

  it('say that they are estimates and how to get exact figures', () => {
    expect(samplingNote(1_000_000, 0.02)).toMatch(/1000000 events matched.*about 20000.*Narrow/);
  });
});
