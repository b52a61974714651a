import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import {
  compileCorrelation,
  evaluateCorrelation,
  meetsThresholds,
  parseSigmaYaml,
  type CorrelationPlan,
} from '../../../../src/producer/sigma/index.js';

function planOf(correlation: string, extraRules = ''): CorrelationPlan {
  const documents = parseSigmaYaml(
    `title: Test Correlation
id: 7e57c0de-0000-4000-8000-000000000001
correlation:
${correlation}
---
title: Failed
id: f0000000-0000-4000-8000-000000000001
name: failed
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
---
title: Success
id: 50000000-0000-4000-8000-000000000001
name: success
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4624
    condition: selection
${extraRules}`,
    'test.yml',
  );
  const [first] = documents;
  if (first?.kind !== 'correlation') throw new Error('expected a correlation first');
  return compileCorrelation(first, documents, { sampleSize: 2 });
}

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const at = (seconds: number) => T0 + seconds * 1000;
const metric = (value: number | null) => ({ value, ...(value === null ? {} : { value_as_string: new Date(value).toISOString() }) });
const hits = (...events: [string, number][]) => ({ hits: { hits: events.map(([id, time]) => ({ _id: id, sort: [time] })) } });

function ruleBucket(events: [string, number][], docCount = events.length) {
  const times = events.map(([, time]) => time);
  return {
    doc_count: docCount,
    first_seen: metric(times.length === 0 ? null : Math.min(...times)),
    last_seen: metric(times.length === 0 ? null : Math.max(...times)),
    events: hits(...events),
  };
}

describe('evaluateCorrelation', () => {
  const eventCount = planOf('    type: event_count\n    rules: [failed]\n    group-by: [TargetUserName]\n    timespan: 5m\n    condition:\n        gte: 10');

  it('reports the groups whose event count meets the condition, with times and sample ids', () => {
    const matches = evaluateCorrelation(eventCount, {
      groups: {
        after_key: { 'winlog.event_data.TargetUserName': 'carol' },
        buckets: [
          { key: { 'winlog.event_data.TargetUserName': 'alice' }, doc_count: 12, first_seen: metric(at(0)), last_seen: metric(at(200)), events: hits(['e1', at(0)], ['e2', at(5)]) },
          { key: { 'winlog.event_data.TargetUserName': 'bob' }, doc_count: 9, first_seen: metric(at(0)), last_seen: metric(at(10)), events: hits(['e3', at(0)]) },
        ],
      },
    });
    expect(matches).toEqual([
      {
        ruleId: '7e57c0de-0000-4000-8000-000000000001',
        group: { 'winlog.event_data.TargetUserName': 'alice' },
        value: 12,
        eventCount: 12,
        firstSeen: '2025-03-01T12:00:00.000Z',
        lastSeen: '2025-03-01T12:03:20.000Z',
        eventIds: ['e1', 'e2'],
      },
    ]);
  });

  it('judges value_count by the distinct count and skips an average of nothing', () => {
    const valueCount = planOf('    type: value_count\n    rules: [failed]\n    group-by: [IpAddress]\n    timespan: 1h\n    condition:\n        field: TargetUserName\n        gt: 20');
    const bucket = (ip: string, distinct: number) => ({
      key: { 'source.ip': ip },
      doc_count: 50,
      first_seen: metric(at(0)),
      last_seen: metric(at(60)),
      events: hits(),
      value: { value: distinct },
    });
    expect(evaluateCorrelation(valueCount, { groups: { buckets: [bucket('10.0.0.1', 21), bucket('10.0.0.2', 20)] } }).map((m) => [m.group, m.value])).toEqual([
      [{ 'source.ip': '10.0.0.1' }, 21],
    ]);
  });

  it('counts the rules that matched for temporal, needing all of them by default', () => {
    const temporal = planOf('    type: temporal\n    rules: [failed, success]\n    group-by: [TargetUserName]\n    timespan: 10m');
    const bucket = (user: string, failed: [string, number][], success: [string, number][]) => ({
      key: { 'winlog.event_data.TargetUserName': user },
      doc_count: failed.length + success.length,
      first_seen: metric(at(0)),
      last_seen: metric(at(100)),
      rule_0: ruleBucket(failed),
      rule_1: ruleBucket(success),
    });
    const matches = evaluateCorrelation(temporal, {
      groups: { buckets: [bucket('alice', [['f1', at(50)]], [['s1', at(0)]]), bucket('bob', [['f2', at(1)]], [])] },
    });
    expect(matches).toEqual([
      {
        ruleId: '7e57c0de-0000-4000-8000-000000000001',
        group: { 'winlog.event_data.TargetUserName': 'alice' },
        value: 2,
        eventCount: 2,
        firstSeen: '2025-03-01T12:00:00.000Z',
        lastSeen: '2025-03-01T12:01:40.000Z',
        eventIds: ['f1', 's1'],
        ruleCounts: { 'f0000000-0000-4000-8000-000000000001': 1, '50000000-0000-4000-8000-000000000001': 1 },
      },
    ]);
  });

  describe('temporal_ordered', () => {
    const ordered = planOf('    type: temporal_ordered\n    rules: [failed, success]\n    group-by: [TargetUserName]\n    timespan: 10m');
    const judge = (failed: ReturnType<typeof ruleBucket>, success: ReturnType<typeof ruleBucket>) =>
      evaluateCorrelation(ordered, {
        groups: {
          buckets: [
            { key: { 'winlog.event_data.TargetUserName': 'alice' }, doc_count: failed.doc_count + success.doc_count, first_seen: metric(at(0)), last_seen: metric(at(600)), rule_0: failed, rule_1: success },
          ],
        },
      }).map((match) => match.value);

    it('matches when a failed logon precedes a successful one', () => {
      expect(judge(ruleBucket([['f1', at(10)]]), ruleBucket([['s1', at(20)]]))).toEqual([2]);
    });

    it('does not match when the only success came first', () => {
      expect(judge(ruleBucket([['f1', at(30)]]), ruleBucket([['s1', at(20)]]))).toEqual([]);
    });

    it('counts events in the same millisecond as in order', () => {
      expect(judge(ruleBucket([['f1', at(20)]]), ruleBucket([['s1', at(20)]]))).toEqual([2]);
    });

    it('finds a later success among several', () => {
      expect(judge(ruleBucket([['f1', at(30)]]), ruleBucket([['s0', at(5)], ['s1', at(40)]]))).toEqual([2]);
    });

    it('falls back to the latest event of a rule whose events were not all sampled', () => {
      const success = { ...ruleBucket([['s0', at(5)]], 500), last_seen: metric(at(90)) };
      expect(judge(ruleBucket([['f1', at(30)]]), success)).toEqual([2]);
    });
  });

  it('evaluates a correlation without group-by from its single bucket', () => {
    const global = planOf('    type: event_count\n    rules: [failed]\n    timespan: 5m\n    condition:\n        gte: 3');
    expect(global.aggregations.groups).toMatchObject({ filter: { match_all: {} } });
    const matches = evaluateCorrelation(global, { groups: { doc_count: 3, first_seen: metric(at(0)), last_seen: metric(at(1)), events: hits(['a', at(0)]) } });
    expect(matches.map((m) => [m.group, m.value])).toEqual([[{}, 3]]);
  });

  it('reports a response of the wrong shape as invalid input', () => {
    let error: unknown;
    try {
      evaluateCorrelation(eventCount, { groups: { buckets: [{ key: {}, doc_count: 'many' }] } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SocAgentError);
    expect(error instanceof SocAgentError && error.code).toBe('INPUT_INVALID');
  });
});

describe('meetsThresholds', () => {
  it('links every threshold with AND', () => {
    expect(meetsThresholds(150, { gt: 100, lte: 200 })).toBe(true);
    expect(meetsThresholds(100, { gt: 100, lte: 200 })).toBe(false);
    expect(meetsThresholds(201, { gt: 100, lte: 200 })).toBe(false);
    expect(meetsThresholds(5, { eq: 5 })).toBe(true);
    expect(meetsThresholds(5, { neq: 5 })).toBe(false);
    expect(meetsThresholds(4, { lt: 5, gte: 4 })).toBe(true);
  });
});
