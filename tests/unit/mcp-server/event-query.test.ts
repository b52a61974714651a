import { describe, expect, it } from 'vitest';
import { buildEventQuery, entityClause, escapeWildcard, textClause } from '../../../src/mcp-server/event-query.js';

const window = { from: '2026-11-18T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' };

describe('escapeWildcard', () => {
  it('makes * ? and \\ match themselves', () => {
    expect(escapeWildcard('a*b?c\\d')).toBe('a\\*b\\?c\\\\d');
  });
});

describe('textClause', () => {
  it('is a phrase of trigrams on the trigram copy of names, paths and command lines, never query syntax', () => {
    expect(textClause('user:* OR 1=1')).toEqual({ match_phrase: { 'soc.text': { query: 'user:* OR 1=1' } } });
    expect(JSON.stringify(textClause('user:* OR 1=1'))).not.toMatch(/query_string|regexp|script|wildcard/);
  });

  it('falls back to escaped case-insensitive wildcards for text too short for a trigram', () => {
    const clause = JSON.stringify(textClause('*?'));
    expect(clause).toContain('"value":"*\\\\*\\\\?*"');
    expect(clause).toContain('"case_insensitive":true');
    expect(clause).not.toMatch(/query_string|regexp|script/);
  });
});

describe('entityClause', () => {
  it('matches a user as actor or related user, case-insensitively', () => {
    expect(entityClause('user', 'Carol.Miller')).toEqual({
      bool: {
        should: [{ term: { 'user.name': { value: 'Carol.Miller', case_insensitive: true } } }, { term: { 'related.user': { value: 'Carol.Miller', case_insensitive: true } } }],
        minimum_should_match: 1,
      },
    });
  });

  it('matches an address or CIDR on either end, the host or related', () => {
    const fields = JSON.stringify(entityClause('ip', '10.20.0.0/24'));
    for (const field of ['source.ip', 'destination.ip', 'host.ip', 'related.ip']) expect(fields).toContain(field);
  });

  it('looks for a cloud principal in CloudTrail only', () => {
    expect(JSON.stringify(entityClause('cloud_principal', 'BackupRole'))).toContain('"data_stream.dataset":"aws.cloudtrail"');
  });
});

describe('buildEventQuery', () => {
  it('ANDs the window and every given filter as non-scoring filters', () => {
    const query = buildEventQuery({ window, host: 'DC01', outcome: 'failure', eventCode: '4625' });
    expect(query).toEqual({
      bool: {
        filter: [
          { range: { '@timestamp': { gte: window.from, lte: window.to, format: 'strict_date_optional_time' } } },
          entityClause('host', 'DC01'),
          { term: { 'event.outcome': 'failure' } },
          { term: { 'event.code': '4625' } },
        ],
      },
    });
  });

  it('matches an S3 bucket exactly where CloudTrail requests name it', () => {
    const query = buildEventQuery({ window, cloudPrincipal: 'hugo.kim', bucket: 'northwind-finance-reports' });
    expect(JSON.stringify(query)).toContain('{"term":{"aws.cloudtrail.flattened.request_parameters.bucketName":"northwind-finance-reports"}}');
  });
});
