import { Queue } from 'bullmq';
import { STEPS } from '../domain/step.js';
import type { EsClient } from './es-client.js';

/** Queues a deployment owns besides the pipeline steps. */
const OTHER_QUEUES = ['detect'] as const;

export interface DeploymentRef {
  prefix: string;
  namespace: string;
  redisUrl: string;
  queuePrefix: string;
}

export interface ResetOptions {
  /** Leave the namespace's telemetry data streams (and so their templates, which they hold on to). */
  keepTelemetry?: boolean;
  /** Remove the index templates too, for a deployment made for one run (an evaluation, a benchmark). */
  removeTemplates?: boolean;
}

/**
 * Deletes everything one deployment (prefix + namespace) holds: telemetry data streams, alerts, investigations,
 * reports, scenarios, checkpoints, the organisation, and the jobs of its queues. Used by the demo to start clean,
 * and by evaluations and benchmarks to leave nothing behind.
 */
export async function resetDeployment(es: EsClient, deployment: DeploymentRef, options: ResetOptions = {}): Promise<void> {
  if (!options.keepTelemetry) await es.indices.deleteDataStream({ name: `logs-*-${deployment.namespace}` }, { ignore: [404] });
  await es.indices.delete({ index: `${deployment.prefix}-*`, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: ['open', 'closed'] }, { ignore: [404] });
  // Elasticsearch will not delete a template while a data stream uses it.
  if (options.removeTemplates && !options.keepTelemetry) await es.indices.deleteIndexTemplate({ name: `${deployment.prefix}-*` }, { ignore: [404] });
  for (const name of [...STEPS, ...OTHER_QUEUES]) {
    const queue = new Queue(name, { connection: { url: deployment.redisUrl }, prefix: deployment.queuePrefix });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
}
