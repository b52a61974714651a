import type { Reputation } from '../indicator.js';
import { parseIpRange } from '../ip-address.js';
import type { ParsedFeed } from './parsed-feed.js';

export interface BlocklistMeta {
  feed: string;
  /** What being listed means in this feed, e.g. `suspicious` for Tor exits, `malicious` for a DROP list. */
  reputation: Reputation;
  categories: string[];
  description: string;
}

/**
 * Reads the plain list formats most blocklists share, one entry per line:
 *  - a bare address or CIDR (`1.2.3.4`, `45.155.205.0/24`), as in the Tor bulk exit list or FireHOL sets;
 *  - Spamhaus DROP text, `a.b.c.d/nn ; SBLnnnnnn`, where the part after `;` is the entry's reference;
 *  - Tor's `exit-addresses` document, whose `ExitAddress <ip> <date> <time>` lines carry the address and when it
 *    was last seen exiting.
 * Lines starting with `#` or `;` are comments; other lines that are not addresses are counted as skipped.
 */
export function parseBlocklist(text: string, meta: BlocklistMeta): ParsedFeed {
  const entries: ParsedFeed['entries'] = [];
  let skipped = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    let address: string;
    let reference: string | undefined;
    let lastSeen: string | undefined;
    const exit = /^ExitAddress\s+(\S+)(?:\s+(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2}))?/.exec(line);
    if (exit) {
      address = exit[1] ?? '';
      lastSeen = exit[2] && exit[3] ? `${exit[2]}T${exit[3]}Z` : undefined;
    } else if (/^(ExitNode|Published|LastStatus)\s/.test(line)) {
      continue;
    } else {
      const [head = '', ...comment] = line.split(/[;#]/);
      address = head.trim().split(/\s+/)[0] ?? '';
      const note = comment.join(' ').trim();
      reference = note === '' ? undefined : note;
    }
    const range = parseIpRange(address);
    if (!range) {
      skipped += 1;
      continue;
    }
    entries.push({
      range,
      indicator: {
        feed: meta.feed,
        listed: range.text,
        reputation: meta.reputation,
        categories: meta.categories,
        description: meta.description,
        ...(reference ? { reference } : {}),
        ...(lastSeen ? { lastSeen } : {}),
      },
    });
  }
  return { entries, skipped };
}
