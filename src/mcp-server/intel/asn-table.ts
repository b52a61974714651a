import { parseIp, type ParsedIp } from './ip-address.js';

export interface AsnRecord {
  number: number;
  name: string;
  /** ISO 3166 country of the AS registration (not of the address), or `None`. */
  country: string;
}

interface Row extends AsnRecord {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

/**
 * IP → autonomous system, from a table in the iptoasn.com `ip2asn` TSV layout:
 * `range_start <TAB> range_end <TAB> AS_number <TAB> country_code <TAB> AS_description`, rows sorted and
 * non-overlapping, AS 0 meaning "not routed". The real file has about half a million rows; lookups are a binary
 * search.
 */
export class AsnTable {
  private constructor(private readonly rows: readonly Row[]) {}

  get size(): number {
    return this.rows.length;
  }

  static parse(text: string): { table: AsnTable; skipped: number } {
    const rows: Row[] = [];
    let skipped = 0;
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const [startText = '', endText = '', asText = '', country = '', ...name] = line.split('\t');
      const start = parseIp(startText);
      const end = parseIp(endText);
      const number = Number(asText);
      if (!start || !end || start.version !== end.version || !Number.isInteger(number) || end.value < start.value) {
        skipped += 1;
        continue;
      }
      if (number === 0) continue;
      rows.push({ version: start.version, first: start.value, last: end.value, number, country, name: name.join('\t').trim() });
    }
    rows.sort((a, b) => a.version - b.version || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    return { table: new AsnTable(rows), skipped };
  }

  lookup(ip: ParsedIp): AsnRecord | undefined {
    let low = 0;
    let high = this.rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const row = this.rows[middle];
      if (!row) return undefined;
      if (row.version < ip.version || (row.version === ip.version && row.last < ip.value)) low = middle + 1;
      else if (row.version > ip.version || row.first > ip.value) high = middle - 1;
      else return { number: row.number, name: row.name, country: row.country };
    }
    return undefined;
  }
}
