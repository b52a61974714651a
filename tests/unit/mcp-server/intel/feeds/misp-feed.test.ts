import { describe, expect, it } from 'vitest';
import { MispEventSchema, MispManifestSchema, parseMispEvent } from '../../../../../src/mcp-server/intel/feeds/misp-feed.js';

const event = (threatLevel: string, attributes: unknown[], objects: unknown[] = []) =>
  MispEventSchema.parse({ Event: { uuid: '5f0c1a2b-0000-4000-8000-000000000001', info: 'Campaign', threat_level_id: threatLevel, timestamp: '1794268800', Orgc: { name: 'CERT' }, Tag: [{ name: 'tlp:white' }], Attribute: attributes, Object: objects } });

describe('parseMispEvent', () => {
  it('reads ip-src, ip-dst|port and addresses inside objects, and skips other types', () => {
    const parsed = parseMispEvent(
      event('2', [
        { type: 'ip-src', value: '193.142.146.35', to_ids: true },
        { type: 'ip-dst|port', value: '194.26.192.64|443', to_ids: true },
        { type: 'domain', value: 'bad.example', to_ids: true },
      ], [{ name: 'ip-port', Attribute: [{ type: 'ip-dst', value: '91.240.118.172', to_ids: true }] }]),
      'misp',
    );
    expect(parsed.entries.map((entry) => entry.indicator.listed)).toEqual(['193.142.146.35', '194.26.192.64', '91.240.118.172']);
    expect(parsed.skipped).toBe(1);
    expect(parsed.entries[0]?.indicator).toMatchObject({ reputation: 'malicious', reference: '5f0c1a2b-0000-4000-8000-000000000001', lastSeen: '2026-11-10T00:00:00.000Z' });
    expect(parsed.entries[0]?.indicator.description).toContain('threat level medium, by CERT');
  });

  it('treats a low threat level or an attribute not meant for detection as suspicious, and an undefined level as unknown', () => {
    expect(parseMispEvent(event('3', [{ type: 'ip-src', value: '1.2.3.4', to_ids: true }]), 'm').entries[0]?.indicator.reputation).toBe('suspicious');
    expect(parseMispEvent(event('1', [{ type: 'ip-src', value: '1.2.3.4', to_ids: false }]), 'm').entries[0]?.indicator.reputation).toBe('suspicious');
    expect(parseMispEvent(event('4', [{ type: 'ip-src', value: '1.2.3.4', to_ids: true }]), 'm').entries[0]?.indicator.reputation).toBe('unknown');
  });

  it('accepts only uuid keys in a manifest, since each names a file', () => {
    expect(MispManifestSchema.safeParse({ '5f0c1a2b-0000-4000-8000-000000000001': { info: 'x' } }).success).toBe(true);
    expect(MispManifestSchema.safeParse({ '../../etc/passwd': { info: 'x' } }).success).toBe(false);
  });
});
