import { runMain } from '../config/run-main.js';
import { createEsClient, fetchElasticsearchHealth } from '../store/es-client.js';
import { fetchRedisHealth } from '../store/redis-connection.js';
import { buildApp } from './app.js';

runMain(async (config) => {
  const es = createEsClient(config.elasticsearch);
  const app = await buildApp({
    logLevel: config.logLevel,
    probes: [
      { name: 'redis', check: async () => void (await fetchRedisHealth(config.redis.url)) },
      { name: 'elasticsearch', check: async () => void (await fetchElasticsearchHealth(es, config.elasticsearch.url)) },
    ],
  });
  const close = async (): Promise<void> => {
    await app.close();
    await es.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  await app.listen({ host: config.api.host, port: config.api.port });
});
