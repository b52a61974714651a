import { describe, expect, it } from 'vitest';
import { AsnTable } from '../../../../src/mcp-server/intel/asn-table.js';
import { FeedIndex } from '../../../../src/mcp-server/intel/feed-index.js';
import type { Indicator } from '../../../../src/mcp-server/intel/indicator.js';
import { parseIp, parseIpRange } from '../../../../src/mcp-server/intel/ip-address.js';

function entry(listed: string, feed: string) {
  const range = parseIpRange(listed);
  if (!range) throw new Error(listed);
  const indicator: Indicator = { feed, listed, reputation: 'malicious', categories: [], description: feed };
  return { range, indicator };
}

function ip(text: string) {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(text);
  return parsed;
}

describe('FeedIndex', () => {
  const index = new FeedIndex([entry('45.155.205.233', 'misp'), entry('45.155.205.0/24', 'drop'), entry('45.155.205.233', 'stix'), entry('2001:db8::/32', 'v6')]);

  it('finds exact entries and covering ranges of every feed', () => {
    expect(index.lookup(ip('45.155.205.233')).map((hit) => hit.feed)).toEqual(['misp', 'stix', 'drop']);
    expect(index.lookup(ip('45.155.205.1')).map((hit) => hit.feed)).toEqual(['drop']);
    expect(index.lookup(ip('2001:db8::45')).map((hit) => hit.feed)).toEqual(['v6']);
    expect(index.lookup(ip('45.155.206.1'))).toEqual([]);
    expect(index.size).toBe(4);
  });
});

describe('AsnTable', () => {
  const { table, skipped } = AsnTable.parse(
    ['# comment', '1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET', '1.0.1.0\t1.0.3.255\t0\tNone\tNot routed', '8.8.8.0\t8.8.8.255\t15169\tUS\tGOOGLE', '2001:4860::\t2001:4860:ffff:ffff:ffff:ffff:ffff:ffff\t15169\tUS\tGOOGLE', 'garbage'].join('\n'),
  );

  it('finds the autonomous system of an address by binary search, in both IP versions', () => {
    expect(table.lookup(ip('8.8.8.8'))).toEqual({ number: 15169, name: 'GOOGLE', country: 'US' });
    expect(table.lookup(ip('1.0.0.1'))?.number).toBe(13335);
    expect(table.lookup(ip('2001:4860:4860::8888'))?.name).toBe('GOOGLE');
  });

  it('treats AS 0 as not routed and counts malformed rows', () => {
    expect(table.lookup(ip('1.0.2.1'))).toBeUndefined();
    expect(table.lookup(ip('9.9.9.9'))).toBeUndefined();
    expect(skipped).toBe(1);
  });
});
