import { describe, expect, it } from 'vitest';
import { formatNumber, headlinesFor } from '../../../../bench/summary/headlines.js';

const latency = (p50: number, p95: number) => ({ n: 40, p50, p95, max: p95 });

describe('headline figures of a benchmark result', () => {
  it('puts the queued throughput beside the in-process baseline and their ratio', () => {
    const rows = headlinesFor('pipeline', {
      parameters: { alerts: 21, investigations: 63, concurrency: 2 },
      inProcess: { investigationsPerSecond: 7.67, latencyMs: latency(227, 455) },
      queued: { investigationsPerSecond: 2.6, failed: 0, endToEndMs: latency(3920, 8064), stepTimeMs: latency(401, 656), handOverMs: latency(2595, 5248) },
      queueOverheadRatio: 0.339,
    });
    expect(rows[0]).toEqual({
      figure: 'Investigations/s through the six queues (63 investigations of 21 alerts, 2 at a time)',
      result: '2.6/s',
      baseline: 'in-process, no queues 7.67/s',
      ratio: '0.339 (queue overhead ratio)',
    });
    expect(rows[1]?.result).toBe('p50 3920 ms, p95 8064 ms');
  });

  it('says which part of the ingest benchmark was not run', () => {
    const rows = headlinesFor('ingest', {
      generator: { events: 200_000, seconds: 5.1, eventsPerSecond: 39_215 },
      sample: { oursEventsPerSecond: 12_000, rawBulkEventsPerSecond: 9_700, ratioToRawBulk: 1.237, target: 0.9 },
      endToEnd: null,
    });
    expect(rows[0]).toMatchObject({ result: '12.0 k events/s', baseline: 'raw `_bulk` 9700 events/s', ratio: '1.24 (target ≥ 0.9)' });
    expect(rows[2]).toMatchObject({ figure: 'Generate and index end to end', result: 'not run' });
  });

  it('compares HTTP tool calls with stdio by the median over the calls', () => {
    const tools = (p50: number) => ({ a: { latencyMs: latency(p50, 20) }, b: { latencyMs: latency(p50 * 2, 30) }, c: { latencyMs: latency(p50 * 3, 40) } });
    const rows = headlinesFor('mcp', {
      parameters: { responseBudgetBytes: 6144 },
      stdio: tools(5),
      http: tools(10),
      responseBytes: { calls: 120, p50: 2219, p95: 6046, max: 6046, overBudget: 0 },
      largeIndex: null,
    });
    expect(rows[1]).toMatchObject({ result: 'p50 20 ms, p95 30 ms', baseline: 'stdio p50 10 ms', ratio: '2' });
    expect(rows[3]).toMatchObject({ result: 'not run' });
  });

  it('names the field a result file lacks instead of failing the summary', () => {
    const rows = headlinesFor('api', { trivial: { meanRequestsPerSecond: 11_000 }, reportById: { requestsPerSecond: 9000, p50Ms: 0, p99Ms: 4, ratioToTrivial: 0.8 } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.result).toMatch(/^not summarised, unexpected shape at `reportList`/);
  });

  it('says so for a benchmark it has no headlines for', () => {
    expect(headlinesFor('quantum', {})[0]?.result).toBe('no headline figures defined for quantum');
  });

  it('rounds figures to what a reader needs', () => {
    expect([formatNumber(0.3391), formatNumber(12.345), formatNumber(427.9), formatNumber(11_288), formatNumber(1_006_870), formatNumber(Number.NaN)]).toEqual(['0.339', '12.3', '428', '11.3 k', '1.01 M', '–']);
  });
});
