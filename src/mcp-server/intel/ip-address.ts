import { isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses and CIDR ranges as integers, so that "is this address in that range" is two comparisons. IPv4 and IPv6
 * are kept apart by `version`: an IPv4 address never matches an IPv6 range, and IPv4-mapped IPv6 addresses
 * (`::ffff:a.b.c.d`) are read as the IPv4 address they carry, as the feeds list them.
 */
export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
  /** The range as written in the source, e.g. `45.155.205.0/24`. */
  text: string;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip.toLowerCase();
  // A trailing dotted quad (`::ffff:1.2.3.4`) is two 16-bit groups written another way.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = Array.from({ length: 8 - headGroups.length - restGroups.length }, () => '0');
  const groups = rest === undefined ? headGroups : [...headGroups, ...zeros, ...restGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const IPV4_MAPPED_HIGH_BITS = 0xffffn;

/** Parses an IPv4 or IPv6 address; undefined for anything else (a zone id or a port is not an address). */
export function parseIp(text: string): ParsedIp | undefined {
  const ip = text.trim();
  if (isIPv4(ip)) return { version: 4, value: ipv4ToBigInt(ip) };
  if (isIPv6(ip) && !ip.includes('%')) {
    const value = ipv6ToBigInt(ip);
    if (value >> 32n === IPV4_MAPPED_HIGH_BITS) return { version: 4, value: value & 0xffffffffn };
    return { version: 6, value };
  }
  return undefined;
}

/** Parses `a.b.c.d/nn`, an IPv6 CIDR, or a single address (a /32 or /128). Host bits are cleared, as routers do. */
export function parseIpRange(text: string): IpRange | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const address = parseIp(slash === -1 ? trimmed : trimmed.slice(0, slash));
  if (!address) return undefined;
  const width = address.version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(width) : trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  const first = (address.value >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  return { version: address.version, first, last, text: trimmed };
}

export function rangeContains(range: IpRange, ip: ParsedIp): boolean {
  return range.version === ip.version && ip.value >= range.first && ip.value <= range.last;
}

/** Ranges that are never someone's public address: answered from the inventory, never sent to a provider. */
const NON_PUBLIC: readonly { range: string; scope: IpScope }[] = [
  { range: '10.0.0.0/8', scope: 'private' },
  { range: '172.16.0.0/12', scope: 'private' },
  { range: '192.168.0.0/16', scope: 'private' },
  { range: '100.64.0.0/10', scope: 'private' },
  { range: '127.0.0.0/8', scope: 'loopback' },
  { range: '169.254.0.0/16', scope: 'link_local' },
  { range: '0.0.0.0/8', scope: 'reserved' },
  { range: '224.0.0.0/4', scope: 'reserved' },
  { range: '240.0.0.0/4', scope: 'reserved' },
  { range: '::1/128', scope: 'loopback' },
  { range: '::/128', scope: 'reserved' },
  { range: 'fc00::/7', scope: 'private' },
  { range: 'fe80::/10', scope: 'link_local' },
  { range: 'ff00::/8', scope: 'reserved' },
];
const NON_PUBLIC_RANGES = NON_PUBLIC.map((entry) => ({ range: parseIpRange(entry.range), scope: entry.scope }));

export type IpScope = 'public' | 'private' | 'loopback' | 'link_local' | 'reserved';

/**
 * Where an address lives. The documentation ranges (TEST-NET-1/2/3) count as public: the simulated organisation
 * uses them for its office egress and its backup provider, as examples in standards do.
 */
export function ipScope(ip: ParsedIp): IpScope {
  for (const entry of NON_PUBLIC_RANGES) {
    if (entry.range && rangeContains(entry.range, ip)) return entry.scope;
  }
  return 'public';
}
