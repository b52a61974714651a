import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { openApiQueues, type ApiQueues } from '../../src/api/api-queues.js';
import { buildApp } from '../../src/api/app.js';
import type { Config } from '../../src/config/env.js';
import { serverProbes, type ServiceProbe } from '../../src/observability/service-probes.js';
import { ensureDecisionIndex } from '../../src/store/decision-store.js';
import { createIdempotencyStore, type IdempotencyStore } from '../../src/store/idempotency-store.js';
import type { Isolation } from './isolation.js';

export const API_TOKEN = 'api-test-token-0123456789abcdef';
export const COOKIE_SECRET = 'api-test-cookie-secret-0123456789abcdef';
export const bearer = { authorization: `Bearer ${API_TOKEN}` } as const;

export interface TestApi {
  app: FastifyInstance;
  queues: ApiQueues;
  idempotency: IdempotencyStore;
  close(): Promise<void>;
}

export interface TestApiOptions {
  config?: Config;
  probes?: readonly ServiceProbe[];
  now?: () => Date;
}

/** The real app on an isolated config (real Redis, Elasticsearch and queues), for `app.inject()` or `listen`. */
export async function buildTestApi(iso: Isolation, options: TestApiOptions = {}): Promise<TestApi> {
  const config = options.config ?? iso.config;
  await ensureDecisionIndex(iso.es, config.prefix);
  const queues = openApiQueues(config);
  for (const queue of queues.all) iso.queueNames.add(queue.name);
  const idempotency = createIdempotencyStore(config.redis.url, `${config.prefix}:api`);
  const app = await buildApp({
    config,
    es: iso.es,
    queues,
    idempotency,
    probes: options.probes ?? serverProbes(config, iso.es),
    tokens: [API_TOKEN],
    cookieSecret: COOKIE_SECRET,
    logger: false,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app,
    queues,
    idempotency,
    async close() {
      await app.close();
      await queues.close();
      await idempotency.close();
    },
  };
}

/** Removes the idempotency keys a test file stored (they would expire in a day anyway). */
export async function removeIdempotencyKeys(config: Config): Promise<void> {
  const redis = new Redis(config.redis.url);
  try {
    const keys = await redis.keys(`${config.prefix}:api:idempotency:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
