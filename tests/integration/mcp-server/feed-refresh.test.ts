import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.js';
import { loadIntel, readFeedManifest } from '../../../src/mcp-server/intel/feed-loader.js';
import { refreshFeeds } from '../../../src/mcp-server/intel/feed-refresher.js';
import { parseIp } from '../../../src/mcp-server/intel/ip-address.js';
import { runTool } from '../../../src/mcp-server/server.js';
import { createStderrLog } from '../../../src/mcp-server/stderr-log.js';
import { createToolRuntime } from '../../../src/mcp-server/tool-runtime.js';
import * as enrichIp from '../../../src/mcp-server/tools/enrich-ip.js';
import { startFakeHttpServer, type FakeHttpServer } from '../../support/fake-http-server.js';
import { isolate } from '../../support/isolation.js';

/** The refresher against a local feed server: download, validate, swap in, and keep the old copy on failure. */
const EVENT_UUID = '0b8e2c2a-1d7e-4f3b-9a51-6c1f0c0e7a10';
const feeds: Record<string, { status: number; type: string; body: string }> = {
  '/tor.txt': { status: 200, type: 'text/plain', body: '# fresh list\n198.51.100.77\n' },
  '/misp/manifest.json': { status: 200, type: 'application/json', body: JSON.stringify({ [EVENT_UUID]: { info: 'Fresh MISP event', threat_level_id: '1', timestamp: '1794268800' } }) },
  [`/misp/${EVENT_UUID}.json`]: {
    status: 200,
    type: 'application/json',
    body: JSON.stringify({ Event: { uuid: EVENT_UUID, info: 'Fresh MISP event', threat_level_id: '1', Attribute: [{ type: 'ip-dst', value: '198.51.100.78', to_ids: true }] } }),
  },
  '/error-page.txt': { status: 200, type: 'text/html', body: '<html><body>Rate limited, come back later</body></html>' },
};

let server: FakeHttpServer;
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'soc-intel-'));
const iso = isolate();

beforeAll(async () => {
  server = await startFakeHttpServer((request, res) => {
    const feed = feeds[request.path];
    res.writeHead(feed?.status ?? 404, { 'content-type': feed?.type ?? 'text/plain' });
    res.end(feed?.body ?? 'not found');
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
  await iso.cleanup();
});

describe('the feed refresher', () => {
  const specs = readFeedManifest('intel').feeds;

  it('downloads a list and a MISP feed folder, and the loader prefers the downloaded copies', async () => {
    const results = await refreshFeeds(specs, { 'tor-exit-nodes': `${server.url}/tor.txt`, 'misp-community': `${server.url}/misp` }, cacheDir);
    expect(results).toEqual([
      { feed: 'tor-exit-nodes', status: 'updated', entries: 1 },
      { feed: 'misp-community', status: 'updated', entries: 1 },
    ]);
    const intel = loadIntel('intel', cacheDir);
    expect(intel.feeds.find((feed) => feed.name === 'tor-exit-nodes')).toMatchObject({ origin: 'downloaded', entries: 1 });
    const fresh = parseIp('198.51.100.77');
    if (!fresh) throw new Error('bad test address');
    expect(intel.index.lookup(fresh).map((hit) => hit.feed)).toEqual(['tor-exit-nodes']);
    const shippedOnly = parseIp('185.220.101.33');
    if (!shippedOnly) throw new Error('bad test address');
    expect(intel.index.lookup(shippedOnly).map((hit) => hit.feed)).not.toContain('tor-exit-nodes');
  });

  it('keeps the previous copy when a download fails or is not in the feed\'s format', async () => {
    const results = await refreshFeeds(specs, { 'tor-exit-nodes': `${server.url}/error-page.txt`, 'drop-netblocks': `${server.url}/missing.txt` }, cacheDir);
    expect(results.map((result) => [result.feed, result.status])).toEqual([
      ['tor-exit-nodes', 'failed'],
      ['drop-netblocks', 'failed'],
    ]);
    expect(results[0]?.error).toContain('not a blocklist');
    expect(results[1]?.error).toContain('HTTP 404');
    const intel = loadIntel('intel', cacheDir);
    expect(intel.feeds.find((feed) => feed.name === 'tor-exit-nodes')).toMatchObject({ origin: 'downloaded', entries: 1 });
    expect(intel.feeds.find((feed) => feed.name === 'drop-netblocks')).toMatchObject({ origin: 'shipped' });
  });

  it('runs on schedule when INTEL_FEED_URLS is set, and enrich_ip sees the new entries', async () => {
    const scheduledCache = mkdtempSync(path.join(os.tmpdir(), 'soc-intel-'));
    const config = loadConfig({ ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: iso.config.namespace, INTEL_CACHE_DIR: scheduledCache, INTEL_FEED_URLS: `misp-community=${server.url}/misp` });
    const runtime = createToolRuntime(config, { log: createStderrLog('error') });
    try {
      await expect.poll(() => runtime.deps.enricher.feeds.find((feed) => feed.name === 'misp-community')?.origin, { timeout: 20_000 }).toBe('downloaded');
      const result = await runTool(runtime.deps, enrichIp, { ip: '198.51.100.78' });
      expect(result.structuredContent).toMatchObject({ assessment: { listedBy: ['misp-community'], malicious: ['misp-community'] } });
    } finally {
      await runtime.close();
      rmSync(scheduledCache, { recursive: true, force: true });
    }
  });

  it('refuses a feed URL for a feed the manifest does not name', () => {
    const config = loadConfig({ ...process.env, INTEL_FEED_URLS: `tor-exits=${server.url}/tor.txt` });
    expect(() => createToolRuntime(config, { log: createStderrLog('silent') })).toThrow(/INTEL_FEED_URLS: unknown feed tor-exits/);
  });
});
