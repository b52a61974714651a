import { z } from 'zod';
import { AlertStatusSchema } from '../domain/alert.js';
import { InvestigationStatusSchema, StepSchema } from '../domain/investigation.js';
import { alertIndex } from './alert-store.js';
import type { EsClient } from './es-client.js';
import { investigationIndex } from './investigation-store.js';

/** What recovery needs of an alert: no more, so a large backlog stays cheap to scan. */
export const UnfinishedAlertSchema = z.object({ id: z.string(), status: AlertStatusSchema, updatedAt: z.iso.datetime() });
export type UnfinishedAlert = z.infer<typeof UnfinishedAlertSchema>;

/** What recovery needs of an investigation: its id, status and which steps have run. */
export const InvestigationProgressSchema = z.object({
  id: z.string(),
  alertId: z.string(),
  status: InvestigationStatusSchema,
  steps: z.array(z.object({ step: StepSchema })),
  createdAt: z.iso.datetime(),
});
export type InvestigationProgress = z.infer<typeof InvestigationProgressSchema>;

/**
 * Alerts not yet investigated (`new` or `investigating`) that nothing has touched since `before`, oldest first:
 * the candidates for work a lost queue forgot. Refreshes the alerts and investigations indices first, once, so this
 * and the `findLatestInvestigation` searches that follow it see every write made so far.
 */
export async function findUnfinishedAlerts(es: EsClient, prefix: string, before: Date, size: number): Promise<UnfinishedAlert[]> {
  await es.indices.refresh({ index: [alertIndex(prefix), investigationIndex(prefix)], ignore_unavailable: true }, { ignore: [404] });
  const response = await es.search<unknown>(
    {
      index: alertIndex(prefix),
      size,
      _source: ['id', 'status', 'updatedAt'],
      query: { bool: { filter: [{ terms: { status: ['new', 'investigating'] } }, { range: { updatedAt: { lte: before.toISOString() } } }] } },
      sort: [{ updatedAt: 'asc' }, { id: 'asc' }],
    },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).map((hit) => UnfinishedAlertSchema.parse(hit._source));
}

/** The newest investigation of an alert that saved any state, by when it started, as of the last refresh. */
export async function findLatestInvestigation(es: EsClient, prefix: string, alertId: string): Promise<InvestigationProgress | undefined> {
  const response = await es.search<unknown>(
    {
      index: investigationIndex(prefix),
      size: 1,
      _source: ['id', 'alertId', 'status', 'steps.step', 'createdAt'],
      query: { term: { alertId } },
      sort: [{ createdAt: 'desc' }, { id: 'desc' }],
    },
    { ignore: [404] },
  );
  const hit = response.hits?.hits[0];
  return hit ? InvestigationProgressSchema.parse(hit._source) : undefined;
}
