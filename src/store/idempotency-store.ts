import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Remembers what a request carrying an `Idempotency-Key` produced, so a retried request gets the same answer.
 * Keys are stored hashed (a client may put anything in them) under the deployment's prefix, and expire.
 */
export interface IdempotencyStore {
  /** The value stored for `key` in `scope`, if any. */
  recall(scope: string, key: string): Promise<string | undefined>;
  /** Stores `value` unless a value is already stored; returns the value that stands. */
  remember(scope: string, key: string, value: string): Promise<string>;
  close(): Promise<void>;
}

/** A day: long enough for any client's retries, short enough that keys do not pile up. */
const TTL_SECONDS = 86_400;

export function createIdempotencyStore(redisUrl: string, prefix: string): IdempotencyStore {
  // A few retries, not BullMQ's "wait forever": an API request must fail rather than hang when Redis is away.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  redis.on('error', () => undefined); // a failing command rejects with the error; the event would only repeat it
  const redisKey = (scope: string, key: string): string => `${prefix}:idempotency:${scope}:${createHash('sha256').update(key).digest('hex')}`;
  return {
    async recall(scope, key) {
      return (await redis.get(redisKey(scope, key))) ?? undefined;
    },
    async remember(scope, key, value) {
      const name = redisKey(scope, key);
      const set = await redis.set(name, value, 'EX', TTL_SECONDS, 'NX');
      if (set === 'OK') return value;
      return (await redis.get(name)) ?? value;
    },
    async close() {
      redis.disconnect();
    },
  };
}
