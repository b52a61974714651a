import type { EsClient } from '../store/es-client.js';
import { getReport, type StoredReport } from '../store/report-store.js';
import { LruCache } from './lru-cache.js';

export interface ReportReader {
  get(investigationId: string): Promise<StoredReport | undefined>;
}

/**
 * Reads reports by id through a small in-process cache. A report is written once and never changed
 * (`saveReportOnce`), so a cached copy is never stale; a missing report is not cached, since it may be written
 * any moment.
 */
export function createReportReader(es: EsClient, prefix: string, capacity = 256): ReportReader {
  const cache = new LruCache<string, StoredReport>(capacity);
  return {
    async get(investigationId) {
      const cached = cache.get(investigationId);
      if (cached) return cached;
      const report = await getReport(es, prefix, investigationId);
      if (report) cache.set(investigationId, report);
      return report;
    },
  };
}
