import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { fetchElasticsearchHealth } from '../../../src/store/es-client.js';
import { fetchRedisHealth } from '../../../src/store/redis-connection.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
afterAll(() => iso.cleanup());

function appWith(redisUrl: string, esUrl: string) {
  return buildApp({
    logLevel: 'silent',
    probes: [
      { name: 'redis', check: async () => void (await fetchRedisHealth(redisUrl, 500)) },
      { name: 'elasticsearch', check: async () => void (await fetchElasticsearchHealth(iso.es, esUrl)) },
    ],
  });
}

describe('health routes', () => {
  it('answers /healthz and /readyz when both servers answer', async () => {
    const app = await appWith(iso.config.redis.url, iso.config.elasticsearch.url);
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', services: { redis: 'ok', elasticsearch: 'ok' } });
    await app.close();
  });

  it('reports 503 and names the server that does not answer', async () => {
    const app = await appWith('redis://127.0.0.1:1', iso.config.elasticsearch.url);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', services: { redis: 'unavailable', elasticsearch: 'ok' } });
    await app.close();
  });
});
