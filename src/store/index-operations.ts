import type { estypes } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import type { EsClient } from './es-client.js';

/**
 * Creates an index of ours once, with one shard and no replica (one node here; production clusters override
 * this with an index template). A concurrent creator winning the race is fine.
 */
export async function ensureIndex(es: EsClient, index: string, mappings: estypes.MappingTypeMapping): Promise<void> {
  if (await es.indices.exists({ index })) return;
  await es.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings }, { ignore: [400] });
}

/**
 * Writes a document only if its id is new; returns false, changing nothing, when it exists. This is what makes
 * alerts and reports exactly-once under retries: the id is deterministic, the second write is refused.
 */
export async function createOnce(es: EsClient, index: string, id: string, document: unknown, refresh: boolean): Promise<boolean> {
  try {
    await es.create({ index, id, document, ...(refresh ? { refresh: 'wait_for' as const } : {}) });
    return true;
  } catch (err) {
    if (err instanceof errors.ResponseError && err.meta.statusCode === 409) return false;
    throw err;
  }
}
