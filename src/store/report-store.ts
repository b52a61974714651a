import { z } from 'zod';
import { ReportSchema, type Report } from '../domain/report.js';
import type { EsClient } from './es-client.js';
import { createOnce, ensureIndex } from './index-operations.js';

export function reportIndex(prefix: string): string {
  return `${prefix}-reports`;
}

export const StoredReportSchema = ReportSchema.extend({ createdAt: z.iso.datetime() });
export type StoredReport = z.infer<typeof StoredReportSchema>;

export async function ensureReportIndex(es: EsClient, prefix: string): Promise<void> {
  await ensureIndex(es, reportIndex(prefix), {
    dynamic: false,
    properties: {
      createdAt: { type: 'date' },
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
export async function saveReportOnce(es: EsClient, prefix: string, investigationId: string, report: Report, now: Date): Promise<boolean> {
  return createOnce(es, reportIndex(prefix), investigationId, { ...ReportSchema.parse(report), createdAt: now.toISOString() }, false);
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
