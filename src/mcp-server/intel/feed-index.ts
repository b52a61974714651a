import type { Indicator } from './indicator.js';
import type { IpRange, ParsedIp } from './ip-address.js';

/**
 * Every offline indicator, searchable by address. Single addresses (most entries) sit in a map; ranges are
 * scanned, which stays well under a millisecond for the few thousand CIDRs a DROP-style list holds.
 */
export class FeedIndex {
  private readonly exact = new Map<string, Indicator[]>();
  private readonly ranges: { range: IpRange; indicator: Indicator }[] = [];

  constructor(entries: Iterable<{ range: IpRange; indicator: Indicator }>) {
    for (const entry of entries) {
      if (entry.range.first === entry.range.last) {
        const key = `${entry.range.version}:${entry.range.first}`;
        const list = this.exact.get(key) ?? [];
        list.push(entry.indicator);
        this.exact.set(key, list);
      } else {
        this.ranges.push(entry);
      }
    }
  }

  get size(): number {
    let count = this.ranges.length;
    for (const list of this.exact.values()) count += list.length;
    return count;
  }

  /** Every indicator whose address or range covers `ip`, exact entries first. */
  lookup(ip: ParsedIp): Indicator[] {
    const hits = [...(this.exact.get(`${ip.version}:${ip.value}`) ?? [])];
    for (const { range, indicator } of this.ranges) {
      if (range.version === ip.version && ip.value >= range.first && ip.value <= range.last) hits.push(indicator);
    }
    return hits;
  }
}
