import { describe, expect, it } from 'vitest';
import { addressesOfPattern, parseStixBundle, StixBundleSchema } from '../../../../../src/mcp-server/intel/feeds/stix-bundle.js';

describe('addressesOfPattern', () => {
  it('reads equality, ISSUBSET and OR-joined comparisons and observations', () => {
    expect(addressesOfPattern("[ipv4-addr:value = '1.2.3.4']")).toEqual(['1.2.3.4']);
    expect(addressesOfPattern("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")).toEqual(['10.0.0.0/8']);
    expect(addressesOfPattern("[ipv4-addr:value = '1.2.3.4' OR ipv6-addr:value = '2001:db8::1'] OR [ipv4-addr:value = '5.6.7.8']")).toEqual(['1.2.3.4', '2001:db8::1', '5.6.7.8']);
  });

  it('yields nothing for patterns that mean more than a set of addresses', () => {
    expect(addressesOfPattern("[ipv4-addr:value = '1.2.3.4' AND network-traffic:dst_port = 22]")).toBeUndefined();
    expect(addressesOfPattern("[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']")).toBeUndefined();
    expect(addressesOfPattern("[ipv4-addr:value = '1.2.3.4'] WITHIN 60 SECONDS")).toBeUndefined();
    expect(addressesOfPattern("[file:hashes.'SHA-256' = 'abc']")).toBeUndefined();
  });
});

describe('parseStixBundle', () => {
  const bundle = StixBundleSchema.parse({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      { type: 'identity', id: 'identity--1', name: 'ISAC' },
      { type: 'indicator', id: 'indicator--1', pattern: "[ipv4-addr:value = '141.98.11.68']", pattern_type: 'stix', indicator_types: ['benign'], name: 'Research scanner', confidence: 40, created_by_ref: 'identity--1' },
      { type: 'indicator', id: 'indicator--2', pattern: "[ipv4-addr:value = '45.155.205.233']", pattern_type: 'stix', indicator_types: ['malicious-activity', 'anonymization'], name: 'Sprayer', valid_until: '2026-06-30T00:00:00Z' },
      { type: 'indicator', id: 'indicator--3', pattern: "[ipv4-addr:value = '9.9.9.9']", pattern_type: 'stix', revoked: true },
      { type: 'indicator', id: 'indicator--4', pattern: "[ipv4-addr:value = '8.8.8.8']", pattern_type: 'sigma' },
      { type: 'malware', id: 'malware--1', name: 'loader', is_family: true },
    ],
  });
  const parsed = parseStixBundle(bundle, 'stix');

  it('keeps address indicators with their producer, confidence and validity, and takes the worst indicator type', () => {
    expect(parsed.entries.map((entry) => [entry.indicator.listed, entry.indicator.reputation])).toEqual([
      ['141.98.11.68', 'benign'],
      ['45.155.205.233', 'malicious'],
    ]);
    expect(parsed.entries[0]?.indicator).toMatchObject({ confidence: 40, reference: 'indicator--1', description: 'Research scanner (STIX indicator by ISAC)' });
    expect(parsed.entries[1]?.indicator.validUntil).toBe('2026-06-30T00:00:00Z');
  });

  it('skips revoked indicators and other pattern languages', () => {
    expect(parsed.skipped).toBe(2);
  });
});
