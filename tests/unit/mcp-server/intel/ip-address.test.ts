import { describe, expect, it } from 'vitest';
import { ipScope, parseIp, parseIpRange, rangeContains } from '../../../../src/mcp-server/intel/ip-address.js';

function ip(text: string) {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
}

describe('parseIp', () => {
  it('reads IPv4 and IPv6 addresses as integers', () => {
    expect(parseIp('10.0.0.1')).toEqual({ version: 4, value: 0x0a000001n });
    expect(parseIp('2001:db8::1')).toEqual({ version: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('::1')).toEqual({ version: 6, value: 1n });
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(parseIp('::ffff:185.220.101.47')).toEqual(parseIp('185.220.101.47'));
  });

  it('refuses what is not an address', () => {
    for (const text of ['999.1.1.1', '10.0.0', '10.0.0.1/24', 'fe80::1%eth0', 'example.com', '']) expect(parseIp(text), text).toBeUndefined();
  });
});

describe('parseIpRange', () => {
  it('covers exactly the addresses of a CIDR, clearing host bits', () => {
    const range = parseIpRange('45.155.205.7/24');
    if (!range) throw new Error('expected a range');
    expect(rangeContains(range, ip('45.155.205.0'))).toBe(true);
    expect(rangeContains(range, ip('45.155.205.255'))).toBe(true);
    expect(rangeContains(range, ip('45.155.206.0'))).toBe(false);
    expect(rangeContains(range, ip('::ffff:45.155.205.9'))).toBe(true);
  });

  it('reads a single address as a /32 and never matches across IP versions', () => {
    const single = parseIpRange('1.2.3.4');
    const v6 = parseIpRange('2001:db8::/32');
    if (!single || !v6) throw new Error('expected ranges');
    expect(single.first).toBe(single.last);
    expect(rangeContains(v6, ip('2001:db8:1::5'))).toBe(true);
    expect(rangeContains(v6, ip('32.1.13.184'))).toBe(false);
  });

  it('refuses prefixes longer than the address', () => {
    expect(parseIpRange('1.2.3.4/33')).toBeUndefined();
    expect(parseIpRange('1.2.3.4/x')).toBeUndefined();
  });
});

describe('ipScope', () => {
  it('tells private, loopback and link-local addresses from public ones', () => {
    expect(ipScope(ip('10.20.0.10'))).toBe('private');
    expect(ipScope(ip('172.31.255.1'))).toBe('private');
    expect(ipScope(ip('192.168.1.1'))).toBe('private');
    expect(ipScope(ip('127.0.0.1'))).toBe('loopback');
    expect(ipScope(ip('169.254.169.254'))).toBe('link_local');
    expect(ipScope(ip('fd00::1'))).toBe('private');
    expect(ipScope(ip('185.220.101.47'))).toBe('public');
  });

  it('counts the documentation ranges the simulated organisation uses as public', () => {
    expect(ipScope(ip('203.0.113.10'))).toBe('public');
    expect(ipScope(ip('198.51.100.10'))).toBe('public');
  });
});
