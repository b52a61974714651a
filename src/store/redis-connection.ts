import { Redis } from 'ioredis';
import { SocAgentError } from '../domain/errors.js';
import { redactUrl } from '../config/redact-url.js';

/**
 * A Redis connection fit for BullMQ workers: `maxRetriesPerRequest: null` lets blocking commands wait through a
 * reconnect instead of failing the job.
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export interface RedisHealth {
  version: string;
}

/** One-shot check with a short timeout and no reconnect loop, for health probes and start-up. */
export async function fetchRedisHealth(url: string, timeoutMs = 2_000): Promise<RedisHealth> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined); // the failure is reported by connect() below, not as an unhandled event
  try {
    await redis.connect();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    return { version };
  } catch (err) {
    throw new SocAgentError('SERVICE_UNAVAILABLE', `Redis at ${redactUrl(url)} did not answer`, { url: redactUrl(url) }, { cause: err });
  } finally {
    redis.disconnect();
  }
}
