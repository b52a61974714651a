import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import {
  buildCorrelationSearch,
  compileCorrelation,
  parseSigmaYaml,
  parseTimespan,
  type SigmaCorrelationDocument,
  type SigmaDocument,
} from '../../../../src/producer/sigma/index.js';

const FIXTURES = new URL('../../../fixtures/sigma/', import.meta.url);

function fixture(name: string): SigmaDocument[] {
  return parseSigmaYaml(readFileSync(new URL(name, FIXTURES), 'utf8'), name);
}

function correlationAt(documents: readonly SigmaDocument[], index: number): SigmaCorrelationDocument {
  const document = documents[index];
  if (document?.kind !== 'correlation') throw new Error(`document ${index} is not a correlation`);
  return document;
}

const FAILED_ID = '53ba33fd-3a50-4468-a5ef-c583635cfa92';
const SUCCESS_ID = '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8';
const failedQuery = { term: { 'event.code': { value: '4625' } } };
const successQuery = {
  bool: { filter: [{ term: { 'event.code': { value: '4624' } } }, { terms: { 'winlog.event_data.LogonType': ['3', '10'] } }] },
};
const timing = { first_seen: { min: { field: '@timestamp' } }, last_seen: { max: { field: '@timestamp' } } };
const sample = (size: number) => ({ top_hits: { size, _source: false, sort: [{ '@timestamp': { order: 'asc' } }] } });

function planError(yaml: string): SocAgentError {
  const documents = parseSigmaYaml(yaml, 'mr.yml');
  try {
    compileCorrelation(correlationAt(documents, 0), documents);
  } catch (error) {
    if (error instanceof SocAgentError) return error;
    throw error;
  }
  throw new Error('expected the correlation to be refused');
}

const securityRule = (name: string, eventId: number) => `---
title: ${name}
name: ${name}
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: ${eventId}
    condition: selection
`;

describe('parseTimespan', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect([parseTimespan('30s'), parseTimespan('5m'), parseTimespan('2h'), parseTimespan('1d')]).toEqual([30_000, 300_000, 7_200_000, 86_400_000]);
    expect(parseTimespan('5 m')).toBeUndefined();
  });
});

describe('compileCorrelation', () => {
  it('plans temporal_ordered: named rule clauses, composite groups, a filter per rule with event times', () => {
    const documents = fixture('mr_brute_force_then_login.yml');
    const plan = compileCorrelation(correlationAt(documents, 0), documents, { namespace: 'default' });
    expect(plan).toEqual({
      id: '6f1e9a52-0c5b-4a53-9f0e-2b8d1e7c4a10',
      title: 'Failed Logons Followed by a Successful Logon',
      level: 'high',
      tags: ['attack.credential-access', 'attack.t1110'],
      type: 'temporal_ordered',
      rules: [
        { tag: FAILED_ID, id: FAILED_ID, name: 'failed_logon', title: 'Failed Logon', query: failedQuery },
        { tag: SUCCESS_ID, id: SUCCESS_ID, name: 'successful_logon', title: 'Successful Logon', query: successQuery },
      ],
      index: ['logs-system.security-default'],
      query: {
        bool: {
          should: [
            { bool: { filter: [failedQuery], _name: FAILED_ID } },
            { bool: { filter: [successQuery], _name: SUCCESS_ID } },
          ],
          minimum_should_match: 1,
        },
      },
      groupBy: [{ name: 'TargetUserName', field: 'winlog.event_data.TargetUserName' }],
      timespan: '10m',
      timespanMs: 600_000,
      condition: { gte: 2 },
      valueField: undefined,
      generate: false,
      sampleSize: 10,
      aggregations: {
        groups: {
          composite: { size: 1000, sources: [{ 'winlog.event_data.TargetUserName': { terms: { field: 'winlog.event_data.TargetUserName' } } }] },
          aggs: {
            ...timing,
            rule_0: { filter: failedQuery, aggs: { ...timing, events: sample(100) } },
            rule_1: { filter: successQuery, aggs: { ...timing, events: sample(100) } },
          },
        },
      },
    });
  });

  it('plans event_count with one composite source per group-by field and sample event ids', () => {
    const documents = fixture('mr_brute_force_then_login.yml');
    const plan = compileCorrelation(correlationAt(documents, 1), documents, { sampleSize: 5, pageSize: 200 });
    expect(plan.condition).toEqual({ gte: 10 });
    expect(plan.groupBy).toEqual([
      { name: 'TargetUserName', field: 'winlog.event_data.TargetUserName' },
      { name: 'IpAddress', field: 'source.ip' },
    ]);
    expect(plan.aggregations).toEqual({
      groups: {
        composite: {
          size: 200,
          sources: [
            { 'winlog.event_data.TargetUserName': { terms: { field: 'winlog.event_data.TargetUserName' } } },
            { 'source.ip': { terms: { field: 'source.ip' } } },
          ],
        },
        aggs: { ...timing, events: sample(5) },
      },
    });
  });

  it('plans value_sum with a sum of the numeric field', () => {
    const documents = fixture('mr_flow_exfiltration.yml');
    const plan = compileCorrelation(correlationAt(documents, 0), documents);
    expect(plan.index).toEqual(['logs-network_traffic.flow-*']);
    expect(plan.valueField).toBe('source.bytes');
    expect(plan.condition).toEqual({ gt: 1_000_000_000 });
    expect(plan.aggregations.groups?.aggs?.value).toEqual({ sum: { field: 'source.bytes' } });
  });

  it('sizes the cardinality precision of value_count to its condition', () => {
    const documents = parseSigmaYaml(
      `title: Spray
correlation:
    type: value_count
    rules: [failed]
    group-by: [IpAddress]
    timespan: 1h
    condition:
        field: TargetUserName
        gte: 300
${securityRule('failed', 4625)}`,
      'spray.yml',
    );
    const compiled = compileCorrelation(correlationAt(documents, 0), documents);
    expect(compiled.aggregations.groups?.aggs?.value).toEqual({ cardinality: { field: 'winlog.event_data.TargetUserName', precision_threshold: 600 } });
  });

  it('restricts each rule to its own data streams when the rules read different ones', () => {
    const documents = parseSigmaYaml(
      `title: Mixed
correlation:
    type: temporal
    rules: [failed, trail]
    group-by: [source.ip]
    timespan: 5m
${securityRule('failed', 4625)}---
title: trail
name: trail
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventName: ConsoleLogin
    condition: selection
`,
      'mixed.yml',
    );
    const plan = compileCorrelation(correlationAt(documents, 0), documents);
    expect(plan.index).toEqual(['logs-system.security-*', 'logs-aws.cloudtrail-*']);
    expect(plan.rules.map((rule) => rule.query)).toEqual([
      { bool: { filter: [{ term: { 'event.code': { value: '4625' } } }, { terms: { 'data_stream.dataset': ['system.security'] } }] } },
      {
        bool: {
          filter: [
            { term: { 'event.action': { value: 'ConsoleLogin', case_insensitive: true } } },
            { terms: { 'data_stream.dataset': ['aws.cloudtrail'] } },
          ],
        },
      },
    ]);
  });

  it('resolves aliases that name one field in every rule', () => {
    const documents = parseSigmaYaml(
      `title: Aliased
correlation:
    type: temporal
    rules: [a, b]
    group-by: [account]
    timespan: 5m
    aliases:
        account:
            a: TargetUserName
            b: winlog.event_data.TargetUserName
${securityRule('a', 4625)}${securityRule('b', 4624)}`,
      'alias.yml',
    );
    expect(compileCorrelation(correlationAt(documents, 0), documents).groupBy).toEqual([
      { name: 'account', field: 'winlog.event_data.TargetUserName' },
    ]);
  });

  it('refuses aliases that need a different field per rule, which would need a script', () => {
    const error = planError(`title: Aliased
correlation:
    type: temporal
    rules: [a, b]
    group-by: [ip]
    timespan: 5m
    aliases:
        ip:
            a: IpAddress
            b: WorkstationName
${securityRule('a', 4625)}${securityRule('b', 4624)}`);
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context).toMatchObject({ field: 'correlation.group-by', feature: 'fields differing between rules' });
  });

  it.each([
    ['value_percentile', 'value_percentile', 'type: value_percentile\n    rules: [a]\n    group-by: [IpAddress]\n    timespan: 1h\n    condition:\n        field: LogonType\n        lte: 1'],
    ['chained correlations', 'correlation chaining', 'type: event_count\n    rules: [inner]\n    group-by: [IpAddress]\n    timespan: 1h\n    condition:\n        gte: 2'],
    ['a sum of a keyword field', 'value_sum on a non-numeric field', 'type: value_sum\n    rules: [a]\n    group-by: [IpAddress]\n    timespan: 1h\n    condition:\n        field: LogonType\n        gt: 10'],
  ])('refuses %s', (_, feature, correlation) => {
    const error = planError(`title: Outer
correlation:
    ${correlation}
---
title: Inner
name: inner
correlation:
    type: event_count
    rules: [a]
    group-by: [IpAddress]
    timespan: 1h
    condition:
        gte: 2
${securityRule('a', 4625)}`);
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context.feature).toBe(feature);
  });

  it('refuses a reference to an unknown rule and an event_count without condition', () => {
    const unknown = planError(`title: X\ncorrelation:\n    type: temporal\n    rules: [ghost]\n    group-by: [IpAddress]\n    timespan: 1m\n${securityRule('a', 1)}`);
    expect(unknown.code).toBe('RULE_INVALID');
    expect(unknown.message).toContain("'ghost'");
    const noCondition = planError(`title: X\ncorrelation:\n    type: event_count\n    rules: [a]\n    group-by: [IpAddress]\n    timespan: 1m\n${securityRule('a', 1)}`);
    expect(noCondition.context).toMatchObject({ field: 'correlation.condition', feature: 'event_count' });
  });
});

describe('buildCorrelationSearch', () => {
  const documents = fixture('mr_brute_force_then_login.yml');
  const plan = compileCorrelation(correlationAt(documents, 1), documents);

  it('searches the sliding window that ends now, asking for aggregations only', () => {
    const search = buildCorrelationSearch(plan, new Date('2025-03-01T12:00:00.000Z'));
    expect(search).toEqual({
      index: ['logs-system.security-*'],
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [plan.query, { range: { '@timestamp': { gte: '2025-03-01T11:55:00.000Z', lte: '2025-03-01T12:00:00.000Z' } } }] } },
      aggregations: plan.aggregations,
    });
  });

  it('asks for the page after a composite key', () => {
    const search = buildCorrelationSearch(plan, new Date('2025-03-01T12:00:00.000Z'), { 'winlog.event_data.TargetUserName': 'bob', 'source.ip': '10.0.0.1' });
    expect(search.aggregations?.groups?.composite?.after).toEqual({ 'winlog.event_data.TargetUserName': 'bob', 'source.ip': '10.0.0.1' });
    expect(plan.aggregations.groups?.composite?.after).toBeUndefined();
  });
});
