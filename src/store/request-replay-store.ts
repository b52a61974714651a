import { Redis } from 'ioredis';

/**
 * Remembers signed requests already answered, so a captured one sent again is refused. Keys live under the
 * deployment's prefix and expire once the request would be refused on its age anyway; every API replica shares
 * them through Redis.
 */
export interface RequestReplayStore {
  /** True the first time a fingerprint is seen, false for every later copy within `ttlSeconds`. */
  firstSight(fingerprint: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

export function createRequestReplayStore(redisUrl: string, prefix: string): RequestReplayStore {
  // A few retries, not "wait forever": a request must fail (and Discord see an error) rather than hang.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  redis.on('error', () => undefined); // a failing command rejects with the error; the event would only repeat it
  return {
    async firstSight(fingerprint, ttlSeconds) {
      return (await redis.set(`${prefix}:discord:seen:${fingerprint}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async close() {
      redis.disconnect();
    },
  };
}
