import { describe, expect, it } from 'vitest';
import { parseBlocklist } from '../../../../../src/mcp-server/intel/feeds/blocklist-feed.js';

const meta = { feed: 'test', reputation: 'malicious' as const, categories: ['drop'], description: 'listed' };

describe('parseBlocklist', () => {
  it('reads Spamhaus DROP lines with their SBL reference and skips ; comments', () => {
    const feed = parseBlocklist('; Spamhaus DROP List\n; Last-Modified: today\n45.155.205.0/24 ; SBL900001\n91.240.118.0/24 ; SBL900002\n', meta);
    expect(feed.entries.map((entry) => [entry.indicator.listed, entry.indicator.reference])).toEqual([
      ['45.155.205.0/24', 'SBL900001'],
      ['91.240.118.0/24', 'SBL900002'],
    ]);
    expect(feed.skipped).toBe(0);
  });

  it('reads a bare list of addresses with # comments, as the Tor bulk exit list is', () => {
    const feed = parseBlocklist('# exits\n185.220.101.47\n\n2001:db8::7\n', meta);
    expect(feed.entries.map((entry) => entry.indicator.listed)).toEqual(['185.220.101.47', '2001:db8::7']);
  });

  it("reads Tor's exit-addresses document, keeping when each address was seen", () => {
    const text = 'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2026-11-21 05:01:30\nLastStatus 2026-11-21 06:00:00\nExitAddress 185.220.101.47 2026-11-21 06:11:12\n';
    const feed = parseBlocklist(text, meta);
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]?.indicator).toMatchObject({ listed: '185.220.101.47', lastSeen: '2026-11-21T06:11:12Z' });
    expect(feed.skipped).toBe(0);
  });

  it('counts lines that are not addresses instead of failing', () => {
    const feed = parseBlocklist('<html>\n1.2.3.4\nnot-an-ip ; x\n', meta);
    expect(feed.entries).toHaveLength(1);
    expect(feed.skipped).toBe(2);
  });
});
