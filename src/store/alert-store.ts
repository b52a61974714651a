import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { AlertSchema, type Alert, type AlertStatus, type Severity } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import type { EsClient } from './es-client.js';
import { createOnce, ensureIndex } from './index-operations.js';

export function alertIndex(prefix: string): string {
  return `${prefix}-alerts`;
}

const keyword = { type: 'keyword' } as const;

/** Creates the alerts index once; every field that is filtered or sorted on is typed explicitly. */
export async function ensureAlertIndex(es: EsClient, prefix: string): Promise<void> {
  await ensureIndex(es, alertIndex(prefix), {
    dynamic: false,
    properties: {
      id: keyword,
      severity: keyword,
      status: keyword,
      entityKey: keyword,
      rule: { properties: { id: keyword, title: keyword, level: keyword, techniques: keyword, tags: keyword } },
      entities: { properties: { users: keyword, hosts: keyword, sourceIps: keyword, destinationIps: keyword, cloudPrincipals: keyword } },
      firstSeen: { type: 'date' },
      lastSeen: { type: 'date' },
      createdAt: { type: 'date' },
      updatedAt: { type: 'date' },
      matchedEventCount: { type: 'long' },
    },
  });
}

export async function getAlert(es: EsClient, prefix: string, id: string): Promise<Alert | undefined> {
  const response = await es.get<unknown>({ index: alertIndex(prefix), id }, { ignore: [404] });
  return response.found ? AlertSchema.parse(response._source) : undefined;
}

/** Stores a new alert; returns false (and changes nothing) when an alert with that id already exists. */
export async function createAlert(es: EsClient, prefix: string, alert: Alert): Promise<boolean> {
  // Refreshed, because the producer's deduplication finds open alerts by search.
  return createOnce(es, alertIndex(prefix), alert.id, alert, true);
}

/** Replaces an alert with a newer version of itself (count, last seen, status). */
export async function replaceAlert(es: EsClient, prefix: string, alert: Alert): Promise<void> {
  await es.index({ index: alertIndex(prefix), id: alert.id, document: AlertSchema.parse(alert), refresh: 'wait_for' });
}

export async function setAlertStatus(es: EsClient, prefix: string, id: string, status: AlertStatus, now: Date): Promise<void> {
  await es.update({ index: alertIndex(prefix), id, doc: { status, updatedAt: now.toISOString() }, retry_on_conflict: 3 });
}

/** The newest alert of a rule for an entity whose last match is at or after `since`: the one a new match extends. */
export async function findRecentAlert(es: EsClient, prefix: string, ruleId: string, entityKey: string, since: Date): Promise<Alert | undefined> {
  const response = await es.search<unknown>(
    {
      index: alertIndex(prefix),
      size: 1,
      sort: [{ lastSeen: 'desc' }],
      query: { bool: { filter: [{ term: { 'rule.id': ruleId } }, { term: { entityKey } }, { range: { lastSeen: { gte: since.toISOString() } } }] } },
    },
    { ignore: [404] },
  );
  const hit = response.hits?.hits[0];
  return hit ? AlertSchema.parse(hit._source) : undefined;
}

export const AlertFilterSchema = z.object({
  status: z.array(z.enum(['new', 'investigating', 'investigated', 'failed'])).optional(),
  severity: z.array(z.enum(['informational', 'low', 'medium', 'high', 'critical'])).optional(),
  ruleId: z.string().optional(),
  /** Alerts whose last match is at or after this time. */
  from: z.iso.datetime().optional(),
  /** Alerts whose first match is at or before this time. */
  to: z.iso.datetime().optional(),
});
export type AlertFilter = z.infer<typeof AlertFilterSchema>;

export interface AlertPage {
  alerts: Alert[];
  total: number;
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
}

const CursorSchema = z.tuple([z.number(), z.string()]);

function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', 'cursor: not a cursor returned by a previous page', { field: 'cursor' }, { cause: err });
  }
}

/**
 * The cursor of the page that starts after `alert`, equal to the one `listAlerts` returns when `alert` ends a page.
 * A caller that shows fewer alerts than it fetched (to fit a response budget) pages on from the last one it showed.
 */
export function alertCursorAfter(alert: Pick<Alert, 'id' | 'lastSeen'>): string {
  return Buffer.from(JSON.stringify([Date.parse(alert.lastSeen), alert.id])).toString('base64url');
}

function filterQuery(filter: AlertFilter): estypes.QueryDslQueryContainer {
  const clauses: estypes.QueryDslQueryContainer[] = [];
  if (filter.status?.length) clauses.push({ terms: { status: filter.status } });
  if (filter.severity?.length) clauses.push({ terms: { severity: filter.severity satisfies Severity[] } });
  if (filter.ruleId) clauses.push({ term: { 'rule.id': filter.ruleId } });
  if (filter.from) clauses.push({ range: { lastSeen: { gte: filter.from } } });
  if (filter.to) clauses.push({ range: { firstSeen: { lte: filter.to } } });
  return { bool: { filter: clauses } };
}

/** Newest first, paged with `search_after` so deep pages stay cheap and stable while alerts arrive. */
export async function listAlerts(es: EsClient, prefix: string, filter: AlertFilter, size: number, cursor?: string): Promise<AlertPage> {
  const searchAfter = cursor === undefined ? undefined : decodeCursor(cursor);
  const response = await es.search<unknown>(
    {
      index: alertIndex(prefix),
      size,
      query: filterQuery(filter),
      sort: [{ lastSeen: 'desc' }, { id: 'asc' }],
      track_total_hits: true,
      ...(searchAfter ? { search_after: searchAfter } : {}),
    },
    { ignore: [404] },
  );
  const hits = response.hits?.hits ?? [];
  const total = typeof response.hits?.total === 'number' ? response.hits.total : (response.hits?.total?.value ?? 0);
  const last = hits[hits.length - 1];
  const nextCursor = hits.length === size && last?.sort ? Buffer.from(JSON.stringify(last.sort)).toString('base64url') : undefined;
  return { alerts: hits.map((hit) => AlertSchema.parse(hit._source)), total, ...(nextCursor ? { nextCursor } : {}) };
}
