import { loadConfig } from '../../src/config/env.js';
import { ensureServices, stopServices } from '../../src/local-services/services.js';

/**
 * Integration tests talk to the real Redis and Elasticsearch. Start them if nobody has, and stop only what was
 * started here, so a developer's running servers are left as they were.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const health = await ensureServices(loadConfig(), (line) => console.log(`[services] ${line}`));
  return async () => {
    if (health.elasticsearch.started || health.redis.started) await stopServices((line) => console.log(`[services] ${line}`));
  };
}
