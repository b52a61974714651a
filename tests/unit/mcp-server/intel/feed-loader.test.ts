import { describe, expect, it } from 'vitest';
import { loadIntel } from '../../../../src/mcp-server/intel/feed-loader.js';
import { parseIp } from '../../../../src/mcp-server/intel/ip-address.js';

/** The sample feeds shipped in intel/: they must load, and say what the tests and the demo rely on. */
const HOSTILE_IPS = ['185.220.101.47', '45.155.205.233', '193.142.146.35', '91.240.118.172', '194.26.192.64', '5.188.206.14', '80.94.95.181', '141.98.11.68'];
const intel = loadIntel('intel', '/nonexistent-cache');

function feedsListing(text: string): string[] {
  const ip = parseIp(text);
  if (!ip) throw new Error(text);
  return [...new Set(intel.index.lookup(ip).map((hit) => hit.feed))];
}

describe('the shipped sample feeds', () => {
  it('load in every format without problems', () => {
    expect(intel.feeds.map((feed) => [feed.name, feed.format, feed.origin])).toEqual([
      ['tor-exit-nodes', 'blocklist', 'shipped'],
      ['drop-netblocks', 'blocklist', 'shipped'],
      ['misp-community', 'misp', 'shipped'],
      ['stix-sharing-group', 'stix', 'shipped'],
      ['ip2asn', 'ip2asn', 'shipped'],
    ]);
    expect(intel.feeds.every((feed) => feed.entries > 0 && feed.problem === undefined)).toBe(true);
  });

  it.each(HOSTILE_IPS)('list the generators\' hostile address %s somewhere', (ip) => {
    expect(feedsListing(ip).length).toBeGreaterThan(0);
  });

  it('never list the trusted backup provider 203.0.113.0/24', () => {
    for (let host = 0; host < 256; host += 1) expect(feedsListing(`203.0.113.${host}`)).toEqual([]);
  });

  it('include an address on which the sources disagree', () => {
    const ip = parseIp('141.98.11.68');
    if (!ip) throw new Error('bad address');
    expect(new Set(intel.index.lookup(ip).map((hit) => hit.reputation))).toEqual(new Set(['malicious', 'benign']));
  });
});
