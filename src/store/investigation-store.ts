import { InvestigationSchema, type Investigation } from '../domain/investigation.js';
import type { EsClient } from './es-client.js';
import { ensureIndex } from './index-operations.js';

export function investigationIndex(prefix: string): string {
  return `${prefix}-investigations`;
}

/** One document per step run: what the step saw and decided, kept even after later steps overwrite the state. */
export function investigationStepIndex(prefix: string): string {
  return `${prefix}-investigation-steps`;
}

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

export async function ensureInvestigationIndices(es: EsClient, prefix: string): Promise<void> {
  const mappings = {
    dynamic: false as const,
    properties: { id: keyword, alertId: keyword, status: keyword, step: keyword, createdAt: date, updatedAt: date, 'assessment.verdict.disposition': keyword },
  };
  await ensureIndex(es, investigationIndex(prefix), mappings);
  await ensureIndex(es, investigationStepIndex(prefix), mappings);
}

export async function getInvestigation(es: EsClient, prefix: string, id: string): Promise<Investigation | undefined> {
  const response = await es.get<unknown>({ index: investigationIndex(prefix), id }, { ignore: [404] });
  return response.found ? InvestigationSchema.parse(response._source) : undefined;
}

/** Writes the current state, and a snapshot of it as the record of the step that produced it. */
export async function saveInvestigation(es: EsClient, prefix: string, investigation: Investigation): Promise<void> {
  const state = InvestigationSchema.parse(investigation);
  const attempt = state.steps.filter((record) => record.step === state.step).length;
  // The error count keeps a failed try's snapshot apart from the step's own, which it would otherwise overwrite.
  await es.index({ index: investigationStepIndex(prefix), id: `${state.id}-${state.step}-${attempt}-${state.status}-${state.errors.length}`, document: state });
  // No refresh: the pipeline reads its state back by id, which is real-time in Elasticsearch.
  await es.index({ index: investigationIndex(prefix), id: state.id, document: state });
}

/** Every stored snapshot of one investigation, oldest first: its audit trail. */
export async function listInvestigationSteps(es: EsClient, prefix: string, id: string): Promise<Investigation[]> {
  await es.indices.refresh({ index: investigationStepIndex(prefix) }, { ignore: [404] });
  const response = await es.search<unknown>({ index: investigationStepIndex(prefix), size: 200, query: { term: { id } }, sort: [{ updatedAt: 'asc' }] }, { ignore: [404] });
  return (response.hits?.hits ?? []).map((hit) => InvestigationSchema.parse(hit._source));
}
