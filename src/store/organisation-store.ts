import { OrganisationSchema, type Organisation } from '../domain/organisation.js';
import { ScenarioTruthSchema, type ScenarioTruth } from '../domain/scenario-truth.js';
import { SocAgentError } from '../domain/errors.js';
import type { EsClient } from './es-client.js';
import { ensureIndex } from './index-operations.js';

const ORGANISATION_DOC_ID = 'current';

export function organisationIndex(prefix: string): string {
  return `${prefix}-organisation`;
}

export function scenarioIndex(prefix: string): string {
  return `${prefix}-scenarios`;
}

/**
 * Stores the organisation inventory as one document (it is read whole, for entity context). The inventory is
 * not searched field by field, so its mapping is disabled: no field explosion, whatever its size.
 */
export async function saveOrganisation(es: EsClient, prefix: string, organisation: Organisation): Promise<void> {
  const index = organisationIndex(prefix);
  await ensureIndex(es, index, { dynamic: false, properties: { inventory: { type: 'object', enabled: false } } });
  await es.index({ index, id: ORGANISATION_DOC_ID, document: { inventory: organisation }, refresh: 'wait_for' });
}

export async function loadOrganisation(es: EsClient, prefix: string): Promise<Organisation | undefined> {
  const response = await es.get<{ inventory: unknown }>({ index: organisationIndex(prefix), id: ORGANISATION_DOC_ID }, { ignore: [404] });
  if (!response.found || !response._source) return undefined;
  return OrganisationSchema.parse(response._source.inventory);
}

/** Stores the answer key of injected scenarios, apart from the telemetry the analyst can search. */
export async function saveScenarioTruths(es: EsClient, prefix: string, truths: readonly ScenarioTruth[]): Promise<void> {
  const index = scenarioIndex(prefix);
  await ensureIndex(es, index, {
    dynamic: false,
    properties: {
      id: { type: 'keyword' },
      type: { type: 'keyword' },
      malicious: { type: 'boolean' },
      expectedVerdict: { type: 'keyword' },
      expectedRunbook: { type: 'keyword' },
      start: { type: 'date' },
      end: { type: 'date' },
      proofEventIds: { type: 'keyword' },
    },
  });
  if (truths.length === 0) return;
  const operations = truths.flatMap((truth) => [{ index: { _index: index, _id: truth.id } }, truth]);
  const response = await es.bulk({ operations, refresh: 'wait_for' });
  if (response.errors) {
    const first = response.items.find((item) => item.index?.error)?.index?.error;
    throw new SocAgentError('INGEST_FAILED', `could not store scenario truths: ${first?.reason ?? 'unknown error'}`, { index });
  }
}

export async function listScenarioTruths(es: EsClient, prefix: string): Promise<ScenarioTruth[]> {
  const response = await es.search<unknown>({ index: scenarioIndex(prefix), size: 1000, sort: [{ start: 'asc' }] }, { ignore: [404] });
  return (response.hits?.hits ?? []).map((hit) => ScenarioTruthSchema.parse(hit._source));
}
