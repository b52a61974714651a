import type { Indicator } from '../indicator.js';
import type { IpRange } from '../ip-address.js';

/** A feed's address entries, each with its parsed range, plus how many entries could not be read as addresses. */
export interface ParsedFeed {
  entries: { range: IpRange; indicator: Indicator }[];
  /** Entries that are not IP indicators (hashes, domains, AND-patterns) or are malformed: counted, not fatal. */
  skipped: number;
}
