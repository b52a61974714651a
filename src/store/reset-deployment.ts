import { Queue } from 'bullmq';
import { STEPS } from '../domain/step.js';
import type { EsClient } from './es-client.js';

/** Queues a deployment owns besides the pipeline steps. */
const OTHER_QUEUES = ['detect'] as const;

/**
 * Deletes everything one deployment (prefix + namespace) holds: telemetry data streams, alerts, scenarios,
 * checkpoints, the organisation, and the jobs of its queues. Index templates stay. Used by the demo to start clean.
 */
export async function resetDeployment(es: EsClient, options: { prefix: string; namespace: string; redisUrl: string; queuePrefix: string }): Promise<void> {
  await es.indices.deleteDataStream({ name: `logs-*-${options.namespace}` }, { ignore: [404] });
  await es.indices.delete({ index: `${options.prefix}-*`, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: ['open', 'closed'] }, { ignore: [404] });
  for (const name of [...STEPS, ...OTHER_QUEUES]) {
    const queue = new Queue(name, { connection: { url: options.redisUrl }, prefix: options.queuePrefix });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
}
