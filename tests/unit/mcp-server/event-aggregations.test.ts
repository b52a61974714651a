import { describe, expect, it } from 'vitest';
import { buildEventAggregations, histogramInterval, parseEventAggregations } from '../../../src/mcp-server/event-aggregations.js';

const day = { from: '2026-11-18T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' };

describe('histogramInterval', () => {
  it('picks the smallest width giving at most 24 buckets', () => {
    expect(histogramInterval(day)).toBe('1h');
    expect(histogramInterval({ from: day.from, to: '2026-11-18T02:00:00.000Z' })).toBe('5m');
    expect(histogramInterval({ from: day.from, to: '2026-11-25T00:00:00.000Z' })).toBe('12h');
  });
});

describe('event aggregations', () => {
  it('ask for top values, distinct counts, first and last seen and a histogram', () => {
    const aggs = buildEventAggregations(day);
    expect(Object.keys(aggs).sort()).toEqual(
      ['byAction', 'byDataStream', 'byOutcome', 'distinct_destinationIps', 'distinct_hosts', 'distinct_sourceIps', 'distinct_users', 'firstSeen', 'histogram', 'lastSeen', 'topDestinationIps', 'topHosts', 'topSourceIps', 'topUsers'].sort(),
    );
    expect(aggs.histogram).toEqual({ date_histogram: { field: '@timestamp', fixed_interval: '1h', min_doc_count: 1 } });
  });

  it('read an Elasticsearch answer into buckets, and a missing answer as empty', () => {
    const parsed = parseEventAggregations(
      {
        byAction: { buckets: [{ key: 'logon-failed', doc_count: 12 }] },
        topSourceIps: { buckets: [{ key: '185.220.101.47', doc_count: 12 }] },
        distinct_users: { value: 3 },
        firstSeen: { value: Date.parse('2026-11-18T10:00:00Z'), value_as_string: '2026-11-18T10:00:00.000Z' },
        lastSeen: { value: null },
        histogram: { buckets: [{ key: Date.parse('2026-11-18T10:00:00Z'), doc_count: 12 }] },
      },
      day,
    );
    expect(parsed.byAction).toEqual([{ value: 'logon-failed', count: 12 }]);
    expect(parsed.distinct).toEqual({ users: 3, hosts: 0, sourceIps: 0, destinationIps: 0 });
    expect(parsed.firstSeen).toBe('2026-11-18T10:00:00.000Z');
    expect(parsed.lastSeen).toBeUndefined();
    expect(parsed.histogram).toEqual({ interval: '1h', buckets: [{ start: '2026-11-18T10:00:00.000Z', count: 12 }] });
    expect(parseEventAggregations(undefined, day).byAction).toEqual([]);
  });
});
