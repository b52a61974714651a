import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.js';
import { McpClient } from '../../../src/mcp-server/client.js';
import { startFakeHttpServer, sendJson, type FakeHttpServer } from '../../support/fake-http-server.js';
import { isolate } from '../../support/isolation.js';
import { startHttpEvidenceServer, TEST_TOKEN, type HttpEvidenceServer } from '../../support/mcp-servers.js';

/**
 * The live connectors against a local fake of AbuseIPDB, OTX and MISP answering in their documented shapes, with
 * the Redis cache. The slow address waits past a 500 ms timeout.
 */
const HOSTILE = '45.155.205.233';
const BIG_PROVIDER = '8.8.8.8';
const SLOW = '5.188.206.14';
const KEYS = { abuse: 'abuse-key-123', otx: 'otx-key-456', misp: 'misp-key-789' };

const abuse: Record<string, unknown> = {
  [HOSTILE]: { ipAddress: HOSTILE, isPublic: true, ipVersion: 4, isWhitelisted: false, abuseConfidenceScore: 100, countryCode: 'RU', usageType: 'Data Center/Web Hosting/Transit', isp: 'Example Hosting', domain: 'example.net', hostnames: [], isTor: false, totalReports: 412, numDistinctUsers: 97, lastReportedAt: '2026-11-21T08:12:44+00:00' },
  [BIG_PROVIDER]: { ipAddress: BIG_PROVIDER, isPublic: true, ipVersion: 4, isWhitelisted: true, abuseConfidenceScore: 0, countryCode: 'US', usageType: 'Content Delivery Network', isp: 'Google LLC', domain: 'google.com', hostnames: ['dns.google'], isTor: false, totalReports: 3, numDistinctUsers: 2, lastReportedAt: '2026-10-01T00:00:00+00:00' },
  [SLOW]: { ipAddress: SLOW, isPublic: true, ipVersion: 4, isWhitelisted: null, abuseConfidenceScore: 40, countryCode: null, usageType: null, isp: null, domain: null, hostnames: [], isTor: false, totalReports: 5, numDistinctUsers: 3, lastReportedAt: null },
};

function otxAnswer(ip: string) {
  const pulses = ip === HOSTILE ? Array.from({ length: 7 }, (_, i) => ({ id: `6541a0c2f1e2d3c4b5a6978${i}`, name: `Brute force campaign ${i}`, tags: ['ssh', 'bruteforce'], created: '2026-11-01T00:00:00', modified: '2026-11-20T00:00:00', TLP: 'white', malware_families: [], attack_ids: [] })) : [];
  return {
    whois: `http://whois.domaintools.com/${ip}`,
    reputation: 0,
    indicator: ip,
    type: 'IPv4',
    type_title: 'IPv4',
    base_indicator: {},
    pulse_info: { count: pulses.length, pulses, references: [], related: {} },
    false_positive: [],
    validation: ip === BIG_PROVIDER ? [{ source: 'whitelist', message: 'Whitelisted IP', name: 'Whitelisted IP' }] : [],
    asn: ip === BIG_PROVIDER ? 'AS15169 google llc' : 'AS64501 example',
    country_code: 'US',
    sections: ['general', 'geo', 'reputation', 'url_list', 'passive_dns', 'malware', 'nids_list', 'http_scans'],
  };
}

let fake: FakeHttpServer;
let server: HttpEvidenceServer;
let client: McpClient;
const iso = isolate();
const redis = new Redis(iso.config.redis.url);

beforeAll(async () => {
  fake = await startFakeHttpServer(async (request, res) => {
    const url = new URL(request.path, 'http://fake');
    if (url.pathname === '/api/v2/check') {
      if (request.headers.key !== KEYS.abuse) return sendJson(res, 401, { errors: [{ detail: 'Authentication failed', status: 401 }] });
      const ip = url.searchParams.get('ipAddress') ?? '';
      return sendJson(res, 200, { data: abuse[ip] ?? { ipAddress: ip, isPublic: true, isWhitelisted: false, abuseConfidenceScore: 0, totalReports: 0 } });
    }
    const otx = /^\/api\/v1\/indicators\/IPv4\/([^/]+)\/general$/.exec(url.pathname);
    if (otx?.[1]) {
      if (request.headers['x-otx-api-key'] !== KEYS.otx) return sendJson(res, 403, { detail: 'Authentication required' });
      if (otx[1] === SLOW) await new Promise((resolve) => setTimeout(resolve, 2_000));
      return sendJson(res, 200, otxAnswer(otx[1]));
    }
    if (url.pathname === '/attributes/restSearch' && request.method === 'POST') {
      if (request.headers.authorization !== KEYS.misp) return sendJson(res, 403, { name: 'Authentication failed.', message: 'Authentication failed.' });
      const { value } = JSON.parse(request.body) as { value: string };
      const attributes =
        value === HOSTILE
          ? [{ id: '12', event_id: '3', object_id: '0', category: 'Network activity', type: 'ip-src', to_ids: true, uuid: '5f0c1a2b-0000-4000-8000-000000000012', timestamp: '1794268800', comment: 'spraying', value: HOSTILE, Event: { org_id: '1', distribution: '1', id: '3', info: 'Password spraying against VPN', orgc_id: '1', uuid: '5f0c1a2b-0000-4000-8000-000000000003' }, Tag: [{ name: 'tlp:green' }] }]
          : [];
      return sendJson(res, 200, { response: { Attribute: attributes } });
    }
    return sendJson(res, 404, { error: 'not found' });
  });
  const config = loadConfig({
    ...process.env,
    SOC_PREFIX: iso.config.prefix,
    SOC_NAMESPACE: iso.config.namespace,
    ABUSEIPDB_API_KEY: KEYS.abuse,
    ABUSEIPDB_BASE_URL: `${fake.url}/api/v2`,
    OTX_API_KEY: KEYS.otx,
    OTX_BASE_URL: fake.url,
    MISP_URL: fake.url,
    MISP_API_KEY: KEYS.misp,
    INTEL_TIMEOUT_MS: '500',
  });
  server = await startHttpEvidenceServer(config);
  client = await McpClient.connect({ connection: { transport: 'http', url: server.http.url, token: TEST_TOKEN } });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await fake?.close();
  const keys = await redis.keys(`${iso.config.prefix}:intel:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await iso.cleanup();
});

const lookups = (ip: string) => fake.requests.filter((request) => request.path.includes(ip) || request.body.includes(ip)).length;

describe('enrich_ip with live services', () => {
  it('shows what each service said beside the offline feeds, with the keys sent and never shown', async () => {
    const result = await client.callTool('enrich_ip', { ip: HOSTILE });
    const live = result.sources.filter((source) => source.kind === 'live_service');
    expect(live.map((source) => [source.source, source.status, source.reputation])).toEqual([
      ['abuseipdb', 'listed', 'malicious'],
      ['otx', 'listed', 'malicious'],
      ['misp', 'listed', 'malicious'],
    ]);
    expect(live.find((source) => source.source === 'abuseipdb')).toMatchObject({ score: 100 });
    expect(live.find((source) => source.source === 'misp')?.references).toEqual(['5f0c1a2b-0000-4000-8000-000000000003']);
    expect(result.sentToLiveServices).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/abuse-key|otx-key|misp-key/);
  });

  it('shows a known-good verdict of the services beside feeds that say nothing', async () => {
    const result = await client.callTool('enrich_ip', { ip: BIG_PROVIDER });
    expect(result.assessment.benign).toEqual(['abuseipdb', 'otx']);
    expect(result.assessment.malicious).toEqual([]);
    expect(result.sources.find((source) => source.source === 'misp')).toMatchObject({ status: 'not_listed' });
  });

  it('answers a repeated lookup from the Redis cache without asking the services again', async () => {
    const before = lookups(HOSTILE);
    const again = await client.callTool('enrich_ip', { ip: HOSTILE });
    expect(lookups(HOSTILE)).toBe(before);
    expect(again.sources.filter((source) => source.kind === 'live_service').every((source) => source.cached === true)).toBe(true);
    expect(await redis.exists(`${iso.config.prefix}:intel:v1:abuseipdb:${HOSTILE}`)).toBe(1);
  });

  it('reports a service that times out as an error and keeps the others', async () => {
    const result = await client.callTool('enrich_ip', { ip: SLOW });
    expect(result.sources.find((source) => source.source === 'otx')).toMatchObject({ status: 'error', summary: 'OTX did not answer within 500 ms' });
    expect(result.assessment.failed).toEqual(['otx']);
    expect(result.sources.find((source) => source.source === 'abuseipdb')).toMatchObject({ status: 'listed', reputation: 'suspicious', score: 40 });
  });

  it('never sends a private address to a service', async () => {
    const before = fake.requests.length;
    const result = await client.callTool('enrich_ip', { ip: '192.168.1.20' });
    expect(result).toMatchObject({ internal: true, sentToLiveServices: false, sources: [] });
    expect(fake.requests.length).toBe(before);
  });
});
