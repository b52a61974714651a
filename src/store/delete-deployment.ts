import { Queue } from 'bullmq';
import { STEPS } from '../domain/step.js';
import type { EsClient } from './es-client.js';

export interface DeploymentRef {
  prefix: string;
  namespace: string;
  redisUrl: string;
  queuePrefix: string;
}

/**
 * Removes a deployment made for one run (an evaluation): its indices, its queues and — unless `keepTelemetry` —
 * its telemetry data streams and their index templates. With `keepTelemetry` the namespace's data streams stay,
 * and so do their templates, which Elasticsearch will not delete while a data stream uses them.
 */
export async function deleteDeployment(es: EsClient, deployment: DeploymentRef, options: { keepTelemetry?: boolean } = {}): Promise<void> {
  if (!options.keepTelemetry) await es.indices.deleteDataStream({ name: `logs-*-${deployment.namespace}` }, { ignore: [404] });
  await es.indices.delete({ index: `${deployment.prefix}-*`, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: ['open', 'closed'] }, { ignore: [404] });
  if (!options.keepTelemetry) await es.indices.deleteIndexTemplate({ name: `${deployment.prefix}-*` }, { ignore: [404] });
  for (const name of [...STEPS, 'detect']) {
    const queue = new Queue(name, { connection: { url: deployment.redisUrl }, prefix: deployment.queuePrefix });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
}
