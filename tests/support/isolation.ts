import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { loadConfig, type Config } from '../../src/config/env.js';
import { createEsClient, type EsClient } from '../../src/store/es-client.js';

/**
 * A test file's own corner of the shared servers: a config whose index prefix, data stream namespace and queue
 * prefix are unique, and a cleanup that removes everything under them.
 */
export interface Isolation {
  config: Config;
  es: EsClient;
  queueNames: Set<string>;
  cleanup(): Promise<void>;
}

export function isolate(env: Record<string, string> = {}): Isolation {
  const id = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const config = loadConfig({ ...process.env, SOC_PREFIX: `test-${id}`, SOC_NAMESPACE: id, ...env });
  const es = createEsClient(config.elasticsearch);
  const queueNames = new Set<string>();
  return {
    config,
    es,
    queueNames,
    async cleanup() {
      await es.indices.deleteDataStream({ name: `*-${config.namespace}` }, { ignore: [404] });
      await es.indices.delete({ index: `${config.prefix}-*`, expand_wildcards: 'all' }, { ignore: [404] });
      await es.indices.deleteIndexTemplate({ name: `${config.prefix}-*` }, { ignore: [404] });
      for (const name of queueNames) {
        const queue = new Queue(name, { connection: { url: config.redis.url }, prefix: config.queuePrefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      await es.close();
    },
  };
}
