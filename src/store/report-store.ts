import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { SeveritySchema, type Severity } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import { ReportBodySchema, ReportSchema, ReportShapeSchema, type Report } from '../domain/report.js';
import { DispositionSchema, EscalationTierSchema } from '../domain/verdict.js';
import type { EsClient } from './es-client.js';
import { createOnce, ensureIndex } from './index-operations.js';

export function reportIndex(prefix: string): string {
  return `${prefix}-reports`;
}

/** `severity` is the alert's, copied when the report is written so reports can be listed by it; older reports lack it. */
export const StoredReportSchema = ReportSchema.extend({ createdAt: z.iso.datetime(), severity: SeveritySchema.optional() });
export type StoredReport = z.infer<typeof StoredReportSchema>;

export async function ensureReportIndex(es: EsClient, prefix: string): Promise<void> {
  await ensureIndex(es, reportIndex(prefix), {
    dynamic: false,
    properties: {
      createdAt: { type: 'date' },
      severity: { type: 'keyword' },
      markdown: { type: 'text', index: false },
      json: {
        properties: {
          investigationId: { type: 'keyword' },
          alertId: { type: 'keyword' },
          disposition: { type: 'keyword' },
          shape: { type: 'keyword' },
          confidence: { type: 'float' },
          escalationTier: { type: 'keyword' },
          rule: { properties: { id: { type: 'keyword' } } },
        },
      },
    },
  });
}

/**
 * Stores the report of an investigation once: its id is the investigation's, and `create` refuses a second
 * write, so a step retried after the report was written never yields a second report. Returns false then.
 */
export async function saveReportOnce(es: EsClient, prefix: string, investigationId: string, report: Report, now: Date, severity?: Severity): Promise<boolean> {
  return createOnce(es, reportIndex(prefix), investigationId, { ...ReportSchema.parse(report), createdAt: now.toISOString(), ...(severity ? { severity } : {}) }, false);
}

export async function getReport(es: EsClient, prefix: string, investigationId: string): Promise<StoredReport | undefined> {
  const response = await es.get<unknown>({ index: reportIndex(prefix), id: investigationId }, { ignore: [404] });
  return response.found ? StoredReportSchema.parse(response._source) : undefined;
}

export async function countReportsForAlert(es: EsClient, prefix: string, alertId: string): Promise<number> {
  await es.indices.refresh({ index: reportIndex(prefix) }, { ignore: [404] });
  const response = await es.count({ index: reportIndex(prefix), query: { term: { 'json.alertId': alertId } } }, { ignore: [404] });
  return response.count ?? 0;
}

export const ReportFilterSchema = z.object({
  disposition: z.array(DispositionSchema).optional(),
  severity: z.array(SeveritySchema).optional(),
  /** Reports written at or after this time. */
  since: z.iso.datetime().optional(),
});
export type ReportFilter = z.infer<typeof ReportFilterSchema>;

/** What a list of reports shows of each: enough to choose one, not the whole report. */
export const ReportSummarySchema = z.object({
  investigationId: z.string(),
  alertId: z.string(),
  createdAt: z.iso.datetime(),
  severity: SeveritySchema.optional(),
  shape: ReportShapeSchema,
  disposition: DispositionSchema,
  confidence: z.number().min(0).max(1),
  escalationTier: EscalationTierSchema,
  headline: z.string(),
  rule: z.object({ id: z.string(), title: z.string() }),
  degraded: z.boolean(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export interface ReportPage {
  reports: ReportSummary[];
  total: number;
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
}

const SUMMARY_FIELDS = ['createdAt', 'severity', 'json.investigationId', 'json.alertId', 'json.shape', 'json.disposition', 'json.confidence', 'json.escalationTier', 'json.headline', 'json.rule.id', 'json.rule.title', 'json.degraded'];

const StoredSummarySchema = z.object({
  createdAt: z.iso.datetime(),
  severity: SeveritySchema.optional(),
  json: ReportBodySchema.pick({ investigationId: true, alertId: true, shape: true, disposition: true, confidence: true, escalationTier: true, headline: true, degraded: true }).extend({
    rule: z.object({ id: z.string(), title: z.string() }),
  }),
});

const ReportCursorSchema = z.tuple([z.number(), z.string()]);

function decodeReportCursor(cursor: string): z.infer<typeof ReportCursorSchema> {
  try {
    return ReportCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', 'cursor: not a cursor returned by a previous page', { field: 'cursor' }, { cause: err });
  }
}

function reportFilterQuery(filter: ReportFilter): estypes.QueryDslQueryContainer {
  const clauses: estypes.QueryDslQueryContainer[] = [];
  if (filter.disposition?.length) clauses.push({ terms: { 'json.disposition': filter.disposition } });
  if (filter.severity?.length) clauses.push({ terms: { severity: filter.severity } });
  if (filter.since) clauses.push({ range: { createdAt: { gte: filter.since } } });
  return { bool: { filter: clauses } };
}

/** The search behind `listReports`, newest first with `search_after`, reading only the summary fields. */
export function reportListRequest(prefix: string, filter: ReportFilter, size: number, searchAfter?: z.infer<typeof ReportCursorSchema>): estypes.SearchRequest {
  return {
    index: reportIndex(prefix),
    size,
    query: reportFilterQuery(filter),
    sort: [{ createdAt: 'desc' }, { 'json.investigationId': 'asc' }],
    _source: SUMMARY_FIELDS,
    track_total_hits: true,
    ...(searchAfter ? { search_after: searchAfter } : {}),
  };
}

/** Newest first, paged with `search_after`; only the summary fields are read. */
export async function listReports(es: EsClient, prefix: string, filter: ReportFilter, size: number, cursor?: string): Promise<ReportPage> {
  const searchAfter = cursor === undefined ? undefined : decodeReportCursor(cursor);
  const response = await es.search<unknown>(reportListRequest(prefix, filter, size, searchAfter), { ignore: [404] });
  const hits = response.hits?.hits ?? [];
  const total = typeof response.hits?.total === 'number' ? response.hits.total : (response.hits?.total?.value ?? 0);
  const last = hits[hits.length - 1];
  const nextCursor = hits.length === size && last?.sort ? Buffer.from(JSON.stringify(last.sort)).toString('base64url') : undefined;
  const reports = hits.map((hit): ReportSummary => {
    const { createdAt, severity, json } = StoredSummarySchema.parse(hit._source);
    return { ...json, createdAt, ...(severity ? { severity } : {}) };
  });
  return { reports, total, ...(nextCursor ? { nextCursor } : {}) };
}

/** The newest report of an alert (of any of its runs), or undefined when none is written (or searchable) yet. */
export async function latestReportForAlert(es: EsClient, prefix: string, alertId: string): Promise<StoredReport | undefined> {
  const response = await es.search<unknown>(
    { index: reportIndex(prefix), size: 1, query: { term: { 'json.alertId': alertId } }, sort: [{ createdAt: 'desc' }, { 'json.investigationId': 'desc' }] },
    { ignore: [404] },
  );
  const hit = response.hits?.hits[0];
  return hit ? StoredReportSchema.parse(hit._source) : undefined;
}
