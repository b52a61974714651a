import type { Config } from '../config/env.js';
import type { ElasticsearchHealth } from '../store/es-client.js';
import type { RedisHealth } from '../store/redis-connection.js';
import { ensureElasticsearch, stopElasticsearch } from './elasticsearch-node.js';
import { ensureRedis, stopRedis } from './redis-server.js';

export interface ServicesHealth {
  redis: RedisHealth & { started: boolean };
  elasticsearch: ElasticsearchHealth & { started: boolean };
}

/** Makes sure Redis and Elasticsearch both answer, starting local ones where needed. */
export async function ensureServices(config: Config, log: (line: string) => void = () => undefined): Promise<ServicesHealth> {
  const redis = await ensureRedis(config.redis.url);
  log(`redis: ${redis.started ? 'started' : 'already running'} (version ${redis.health.version})`);
  const elasticsearch = await ensureElasticsearch({
    url: config.elasticsearch.url,
    home: config.devElasticsearch.home,
    heap: config.devElasticsearch.heap,
    log,
  });
  log(`elasticsearch: ${elasticsearch.started ? 'started' : 'already running'} (version ${elasticsearch.health.version}, cluster ${elasticsearch.health.status})`);
  return {
    redis: { ...redis.health, started: redis.started },
    elasticsearch: { ...elasticsearch.health, started: elasticsearch.started },
  };
}

/** Stops what `ensureServices` started (by pid file); servers started by others keep running. */
export async function stopServices(log: (line: string) => void = () => undefined): Promise<void> {
  log((await stopElasticsearch()) ? 'elasticsearch: stopped' : 'elasticsearch: nothing of ours running');
  log((await stopRedis()) ? 'redis: stopped' : 'redis: nothing of ours running');
}
