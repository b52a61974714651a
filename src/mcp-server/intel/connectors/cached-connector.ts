import { SourceResultSchema, type LiveConnector, type ResultCache } from '../source-result.js';

/**
 * Keeps each answer of a live service for `ttlSeconds`, keyed by service and address, so an investigation that
 * asks about the same address ten times spends one request of the service's quota. Errors are not cached: the
 * next call tries again. A cache entry that no longer parses is treated as absent.
 */
export function withCache(connector: LiveConnector, cache: ResultCache, keyPrefix: string, ttlSeconds: number): LiveConnector {
  if (ttlSeconds <= 0) return connector;
  return {
    name: connector.name,
    async lookup(ip) {
      const key = `${keyPrefix}:intel:v1:${connector.name}:${ip}`;
      const hit = await cache.get(key);
      if (hit !== undefined) {
        try {
          const parsed = SourceResultSchema.safeParse(JSON.parse(hit));
          if (parsed.success) return { ...parsed.data, cached: true };
        } catch {
          // fall through to the service: a corrupt entry is overwritten below
        }
      }
      const result = await connector.lookup(ip);
      if (result.status !== 'error') await cache.set(key, JSON.stringify(result), ttlSeconds);
      return result;
    },
  };
}
