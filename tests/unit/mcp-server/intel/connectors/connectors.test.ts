import { describe, expect, it } from 'vitest';
import { abuseIpDbResult, AbuseIpDbCheckSchema, createAbuseIpDbConnector } from '../../../../../src/mcp-server/intel/connectors/abuseipdb.js';
import { withCache } from '../../../../../src/mcp-server/intel/connectors/cached-connector.js';
import { mispRestResult, MispRestSearchSchema } from '../../../../../src/mcp-server/intel/connectors/misp-rest.js';
import { otxResult, OtxGeneralSchema } from '../../../../../src/mcp-server/intel/connectors/otx.js';
import type { LiveConnector, ResultCache } from '../../../../../src/mcp-server/intel/source-result.js';

const check = (data: Record<string, unknown>) => AbuseIpDbCheckSchema.parse({ data: { ipAddress: '1.2.3.4', abuseConfidenceScore: 0, totalReports: 0, ...data } });

describe('abuseIpDbResult', () => {
  it('maps the confidence score to a reputation, keeping the score itself', () => {
    expect(abuseIpDbResult(check({ abuseConfidenceScore: 100, totalReports: 50 }))).toMatchObject({ status: 'listed', reputation: 'malicious', score: 100 });
    expect(abuseIpDbResult(check({ abuseConfidenceScore: 30, totalReports: 2 }))).toMatchObject({ reputation: 'suspicious' });
    expect(abuseIpDbResult(check({ abuseConfidenceScore: 5, totalReports: 1 }))).toMatchObject({ reputation: 'unknown' });
    expect(abuseIpDbResult(check({}))).toMatchObject({ status: 'not_listed', reputation: 'unknown' });
    expect(abuseIpDbResult(check({ isWhitelisted: true, totalReports: 3 }))).toMatchObject({ status: 'listed', reputation: 'benign' });
  });
});

describe('otxResult', () => {
  const general = (count: number, validation: unknown[] = []) =>
    OtxGeneralSchema.parse({
      indicator: '1.2.3.4',
      pulse_info: { count, pulses: Array.from({ length: count }, (_, i) => ({ id: `p${i}`, name: `pulse ${i}`, tags: ['ssh'], modified: `2026-11-0${i + 1}T00:00:00` })) },
      validation,
    });

  it('counts pulses: several is malicious, a few suspicious, none says nothing', () => {
    expect(otxResult(general(7))).toMatchObject({ status: 'listed', reputation: 'malicious', references: ['p0', 'p1', 'p2', 'p3', 'p4'], lastSeen: '2026-11-07T00:00:00' });
    expect(otxResult(general(2))).toMatchObject({ reputation: 'suspicious' });
    expect(otxResult(general(0))).toMatchObject({ status: 'not_listed', reputation: 'unknown' });
  });

  it('reads a validation (whitelist) as benign whatever the pulses say', () => {
    expect(otxResult(general(3, [{ source: 'whitelist', message: 'Whitelisted IP' }]))).toMatchObject({ status: 'listed', reputation: 'benign' });
  });
});

describe('mispRestResult', () => {
  it('names the events an address appears in and reads to_ids as meant for detection', () => {
    const search = MispRestSearchSchema.parse({ response: { Attribute: [{ type: 'ip-src', value: '1.2.3.4', to_ids: true, timestamp: '1794268800', Event: { uuid: 'e1', info: 'Spraying' } }] } });
    expect(mispRestResult(search)).toMatchObject({ status: 'listed', reputation: 'malicious', references: ['e1'], lastSeen: '2026-11-10T00:00:00.000Z' });
    expect(mispRestResult(MispRestSearchSchema.parse({ response: { Attribute: [] } }))).toMatchObject({ status: 'not_listed' });
  });
});

describe('a live connector', () => {
  it('turns a timeout into an error result naming the service, not an exception', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'))));
    const connector = createAbuseIpDbConnector({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/api/v2', timeoutMs: 50, fetch: hanging });
    expect(await connector.lookup('1.2.3.4')).toMatchObject({ source: 'abuseipdb', status: 'error', summary: 'AbuseIPDB did not answer within 50 ms' });
  });

  it('reports a refused key and an unexpected answer without echoing either', async () => {
    const refused: typeof fetch = async () => new Response('{"errors":[]}', { status: 401 });
    const odd: typeof fetch = async () => new Response('{"data":{"score":"high"}}', { status: 200 });
    expect((await createAbuseIpDbConnector({ apiKey: 'secret-key', baseUrl: 'http://x', timeoutMs: 100, fetch: refused }).lookup('1.2.3.4')).summary).toBe('AbuseIPDB refused the API key (HTTP 401)');
    expect((await createAbuseIpDbConnector({ apiKey: 'secret-key', baseUrl: 'http://x', timeoutMs: 100, fetch: odd }).lookup('1.2.3.4')).summary).toBe('abuseipdb answered in an unexpected shape');
  });
});

describe('withCache', () => {
  function memoryCache(): ResultCache & { store: Map<string, string> } {
    const store = new Map<string, string>();
    return { store, get: async (key) => store.get(key), set: async (key, value) => void store.set(key, value) };
  }

  it('asks the service once per address and marks later answers as cached, but never caches an error', async () => {
    let calls = 0;
    let fail = false;
    const connector: LiveConnector = {
      name: 'svc',
      lookup: async () => {
        calls += 1;
        return fail
          ? { source: 'svc', kind: 'live_service', status: 'error', reputation: 'unknown', categories: [], summary: 'down', references: [] }
          : { source: 'svc', kind: 'live_service', status: 'listed', reputation: 'malicious', categories: [], summary: 'bad', references: [] };
      },
    };
    const cache = memoryCache();
    const cached = withCache(connector, cache, 'p', 60);
    await cached.lookup('1.2.3.4');
    expect(await cached.lookup('1.2.3.4')).toMatchObject({ cached: true, reputation: 'malicious' });
    expect(calls).toBe(1);
    expect([...cache.store.keys()]).toEqual(['p:intel:v1:svc:1.2.3.4']);
    fail = true;
    await cached.lookup('5.6.7.8');
    expect(cache.store.has('p:intel:v1:svc:5.6.7.8')).toBe(false);
  });
});
