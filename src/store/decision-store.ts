import { DecisionSchema, type Decision } from '../domain/decision.js';
import type { EsClient } from './es-client.js';
import { createOnce, ensureIndex } from './index-operations.js';

export function decisionIndex(prefix: string): string {
  return `${prefix}-decisions`;
}

const keyword = { type: 'keyword' } as const;

/** Analysts' decisions, one document per decision: a history, apart from the agent's investigations and reports. */
export async function ensureDecisionIndex(es: EsClient, prefix: string): Promise<void> {
  await ensureIndex(es, decisionIndex(prefix), {
    dynamic: false,
    properties: { id: keyword, alertId: keyword, investigationId: keyword, verdict: keyword, who: keyword, at: { type: 'date' }, note: { type: 'text', index: false } },
  });
}

/** Appends a decision; refreshed, so the next read of the alert shows it. */
export async function saveDecision(es: EsClient, prefix: string, decision: Decision): Promise<void> {
  await createOnce(es, decisionIndex(prefix), decision.id, DecisionSchema.parse(decision), true);
}

/** The decisions recorded on an alert, newest first. */
export async function listDecisions(es: EsClient, prefix: string, alertId: string, limit = 50): Promise<Decision[]> {
  const response = await es.search<unknown>(
    { index: decisionIndex(prefix), size: limit, query: { term: { alertId } }, sort: [{ at: 'desc' }, { id: 'desc' }] },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).map((hit) => DecisionSchema.parse(hit._source));
}

/** The decision that stands on an alert: the newest one. */
export async function latestDecision(es: EsClient, prefix: string, alertId: string): Promise<Decision | undefined> {
  return (await listDecisions(es, prefix, alertId, 1))[0];
}
