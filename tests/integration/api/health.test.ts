import { afterAll, describe, expect, it } from 'vitest';
import { fetchElasticsearchHealth } from '../../../src/store/es-client.js';
import { fetchRedisHealth } from '../../../src/store/redis-connection.js';
import { buildTestApi } from '../../support/api-app.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
afterAll(() => iso.cleanup());

function apiWith(redisUrl: string) {
  return buildTestApi(iso, {
    probes: [
      { name: 'redis', check: async () => void (await fetchRedisHealth(redisUrl, 500)) },
      { name: 'elasticsearch', check: async () => void (await fetchElasticsearchHealth(iso.es, iso.config.elasticsearch.url)) },
    ],
  });
}

describe('health routes', () => {
  it('answers /healthz and /readyz without a token when both servers answer', async () => {
    const api = await apiWith(iso.config.redis.url);
    try {
      expect((await api.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await api.app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', services: { redis: 'ok', elasticsearch: 'ok' } });
    } finally {
      await api.close();
    }
  });

  it('reports 503 and names the server that does not answer', async () => {
    const api = await apiWith('redis://127.0.0.1:1');
    try {
      const ready = await api.app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', services: { redis: 'unavailable', elasticsearch: 'ok' } });
    } finally {
      await api.close();
    }
  });
});
