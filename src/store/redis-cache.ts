import { Redis } from 'ioredis';

export interface RedisCache {
  /** The cached value, or undefined when absent or when Redis cannot answer in time. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface RedisCacheOptions {
  /** Per command; a slow cache must not slow the lookup it is meant to speed up. @defaultValue 250 ms */
  timeoutMs?: number;
  /** Told about each failure (Redis down, timeout); the caller decides how loudly to log. */
  onError?: (err: Error) => void;
}

/**
 * A best-effort string cache. It never queues commands while Redis is away and never throws: a cache that is down
 * turns into cache misses, and the caller carries on without it.
 */
export function createRedisCache(url: string, options: RedisCacheOptions = {}): RedisCache {
  const report = options.onError ?? (() => undefined);
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs ?? 250,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  });
  redis.on('error', (err: Error) => report(err));
  return {
    async get(key) {
      try {
        return (await redis.get(key)) ?? undefined;
      } catch (err) {
        report(err instanceof Error ? err : new Error(String(err)));
        return undefined;
      }
    },
    async set(key, value, ttlSeconds) {
      try {
        await redis.set(key, value, 'EX', ttlSeconds);
      } catch (err) {
        report(err instanceof Error ? err : new Error(String(err)));
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
