import path from 'node:path';
import type { Config } from '../config/env.js';
import type { Organisation } from '../domain/organisation.js';
import { REPO_ROOT } from '../local-services/paths.js';
import { createEsClient } from '../store/es-client.js';
import { loadOrganisation } from '../store/organisation-store.js';
import { createRedisCache, type RedisCache } from '../store/redis-cache.js';
import { createAbuseIpDbConnector } from './intel/connectors/abuseipdb.js';
import { withCache } from './intel/connectors/cached-connector.js';
import { createMispRestConnector } from './intel/connectors/misp-rest.js';
import { createOtxConnector } from './intel/connectors/otx.js';
import { readFeedManifest } from './intel/feed-loader.js';
import { checkFeedUrls, scheduleFeedRefresh } from './intel/feed-refresher.js';
import { createGeoipLiteLookup } from './intel/geo-lookup.js';
import { IpEnricher } from './intel/ip-enricher.js';
import type { LiveConnector } from './intel/source-result.js';
import type { Log } from './stderr-log.js';
import type { ToolDeps } from './tool-deps.js';

export interface ToolRuntime {
  deps: ToolDeps;
  close(): Promise<void>;
}

export interface ToolRuntimeOptions {
  log: Log;
  /** Injected in tests to reach fake providers. @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Start the scheduled feed refresh when feed URLs are configured. @defaultValue true */
  refreshFeeds?: boolean;
}

/** The inventory changes rarely and is read on most calls: one read a minute is plenty. */
const ORGANISATION_TTL_MS = 60_000;

function cachedOrganisation(load: () => Promise<Organisation | undefined>): () => Promise<Organisation | undefined> {
  let cached: { at: number; value: Promise<Organisation | undefined> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ORGANISATION_TTL_MS) {
      const value = load();
      cached = { at: now, value };
      value.catch(() => (cached = undefined)); // a failed read is retried on the next call, not cached
    }
    return cached.value;
  };
}

/** Builds what the tools need from the configuration: clients, the enricher and its live services, the schedule. */
export function createToolRuntime(config: Config, options: ToolRuntimeOptions): ToolRuntime {
  const { log } = options;
  // Relative folders are the repository's, whatever directory a desktop client starts the server in.
  const intelDir = path.resolve(REPO_ROOT, config.intel.dir);
  const cacheDir = path.resolve(REPO_ROOT, config.intel.cacheDir);
  const runbooksDir = path.resolve(REPO_ROOT, config.mcp.runbooksDir);
  const now = options.now ?? (() => new Date());
  const es = createEsClient(config.elasticsearch, { requestTimeoutMs: 15_000 });
  const http = { timeoutMs: config.intel.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const live: LiveConnector[] = [
    ...(config.intel.abuseIpDb ? [createAbuseIpDbConnector({ ...config.intel.abuseIpDb, ...http })] : []),
    ...(config.intel.otx ? [createOtxConnector({ ...config.intel.otx, ...http })] : []),
    ...(config.intel.misp ? [createMispRestConnector({ ...config.intel.misp, ...http })] : []),
  ];
  let cache: RedisCache | undefined;
  let lastCacheWarning = 0;
  if (live.length > 0 && config.intel.cacheTtlSeconds > 0) {
    cache = createRedisCache(config.redis.url, {
      onError: (err) => {
        // Redis down means every lookup fails the same way: say so once a minute, not once a call.
        if (Date.now() - lastCacheWarning < 60_000) return;
        lastCacheWarning = Date.now();
        log.warn('threat-intel cache unavailable; asking services directly', { error: err.message });
      },
    });
  }
  const connectors = cache ? live.map((connector) => withCache(connector, cache, config.prefix, config.intel.cacheTtlSeconds)) : live;
  const enricher = new IpEnricher({ intelDir, cacheDir, geo: createGeoipLiteLookup(), connectors, now });
  const specs = readFeedManifest(intelDir).feeds;
  checkFeedUrls(specs, config.intel.feedUrls);
  let stopRefresh = (): void => undefined;
  if ((options.refreshFeeds ?? true) && Object.keys(config.intel.feedUrls).length > 0) {
    stopRefresh = scheduleFeedRefresh({
      specs,
      urls: config.intel.feedUrls,
      cacheDir,
      intervalMs: config.intel.refreshMs,
      ...(options.fetch ? { options: { fetch: options.fetch } } : {}),
      onRefreshed: (results) => {
        for (const result of results) log[result.status === 'updated' ? 'info' : 'warn']('feed refresh', { ...result });
        if (results.some((result) => result.status === 'updated')) enricher.reload();
      },
    });
  }
  log.info('threat intel ready', { feeds: enricher.feeds.map((feed) => `${feed.name}:${feed.entries}:${feed.origin}`), liveServices: enricher.liveServices });
  return {
    deps: {
      es,
      prefix: config.prefix,
      namespace: config.namespace,
      runbooksDir,
      responseBytes: config.mcp.responseBytes,
      exactSearchEvents: config.mcp.exactSearchEvents,
      enricher,
      organisation: cachedOrganisation(() => loadOrganisation(es, config.prefix)),
      now,
      log,
    },
    async close() {
      stopRefresh();
      await cache?.close();
      await es.close();
    },
  };
}
