import type { estypes } from '@elastic/elasticsearch';
import type { TimeWindow } from './time-window.js';
import { TEXT_SEARCH_FIELD, TEXT_SEARCH_MIN_TRIGRAM, TEXT_SEARCH_SOURCES } from '../telemetry/text-search.js';
import type { EntityKind } from './tool-inputs.js';

type Query = estypes.QueryDslQueryContainer;

/** Exact, case-insensitive match on a keyword field: no analysis, no query syntax, whatever the value holds. */
function termCi(field: string, value: string): Query {
  return { term: { [field]: { value, case_insensitive: true } } };
}

function anyOf(...clauses: Query[]): Query {
  return { bool: { should: clauses, minimum_should_match: 1 } };
}

/**
 * The events of one entity, wherever ECS puts it: a user as the actor or in `related.user`; a host by name or in
 * `related.hosts`; an address (or CIDR, since the fields are `ip`-typed) on either end or on the host; a cloud
 * principal by IAM name or ARN in CloudTrail.
 */
export function entityClause(kind: EntityKind, value: string): Query {
  switch (kind) {
    case 'user':
      return anyOf(termCi('user.name', value), termCi('related.user', value));
    case 'host':
      return anyOf(termCi('host.name', value), termCi('related.hosts', value));
    case 'ip':
      return anyOf({ term: { 'source.ip': value } }, { term: { 'destination.ip': value } }, { term: { 'host.ip': value } }, { term: { 'related.ip': value } });
    case 'cloud_principal':
      return {
        bool: {
          filter: [{ term: { 'data_stream.dataset': 'aws.cloudtrail' } }],
          should: [termCi('user.name', value), termCi('aws.cloudtrail.user_identity.arn', value)],
          minimum_should_match: 1,
        },
      };
  }
}

/** Where CloudTrail requests name their S3 bucket (a `flattened` field, so an exact term matches it). */
const BUCKET_FIELD = 'aws.cloudtrail.flattened.request_parameters.bucketName';

/** Escapes the two wildcard characters and the escape character, so user text matches only itself. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, (character) => `\\${character}`);
}

/**
 * "Contains this text", case-insensitively, in names, paths and command lines: a phrase of the text's trigrams
 * on the trigram-indexed copy of those fields. Text too short for a trigram falls back to escaped `wildcard`
 * queries on the fields themselves. Never `query_string` (whose syntax an attacker-controlled string could
 * steer), never a regexp or a script.
 */
export function textClause(text: string): Query {
  if ([...text].length >= TEXT_SEARCH_MIN_TRIGRAM) return { match_phrase: { [TEXT_SEARCH_FIELD]: { query: text } } };
  const value = `*${escapeWildcard(text)}*`;
  return anyOf(...TEXT_SEARCH_SOURCES.map((field) => ({ wildcard: { [field]: { value, case_insensitive: true } } })));
}

export function windowClause(window: TimeWindow): Query {
  return { range: { '@timestamp': { gte: window.from, lte: window.to, format: 'strict_date_optional_time' } } };
}

export interface EventFilter {
  window: TimeWindow;
  user?: string | undefined;
  host?: string | undefined;
  ip?: string | undefined;
  cloudPrincipal?: string | undefined;
  /** S3 bucket named in a CloudTrail request. */
  bucket?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  eventCode?: string | undefined;
  text?: string | undefined;
}

/** All given filters, ANDed, as non-scoring filter clauses (cacheable, and order of hits is by time anyway). */
export function buildEventQuery(filter: EventFilter): Query {
  const clauses: Query[] = [windowClause(filter.window)];
  if (filter.user) clauses.push(entityClause('user', filter.user));
  if (filter.host) clauses.push(entityClause('host', filter.host));
  if (filter.ip) clauses.push(entityClause('ip', filter.ip));
  if (filter.cloudPrincipal) clauses.push(entityClause('cloud_principal', filter.cloudPrincipal));
  if (filter.bucket) clauses.push({ term: { [BUCKET_FIELD]: filter.bucket } });
  if (filter.action) clauses.push(termCi('event.action', filter.action));
  if (filter.outcome) clauses.push({ term: { 'event.outcome': filter.outcome } });
  if (filter.eventCode) clauses.push({ term: { 'event.code': filter.eventCode } });
  if (filter.text) clauses.push(textClause(filter.text));
  return { bool: { filter: clauses } };
}
