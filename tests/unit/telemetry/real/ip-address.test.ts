import { describe, expect, it } from 'vitest';
import { normalizeIp } from '../../../../src/telemetry/real/ip-address.js';

describe('normalizeIp', () => {
  it.each([
    ['075.050.255.67', '75.50.255.67'],
    ['06.237.252.245', '6.237.252.245'],
    ['225.01.00.16', '225.1.0.16'],
    ['010.0.0.8', '10.0.0.8'],
    [' 203.0.113.5 ', '203.0.113.5'],
  ])('reads the padded IPv4 %s as decimal %s, not octal', (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each([
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%12', 'fe80::1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
  ])('accepts the IPv6 address %s as %s', (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each(['cloudtrail.amazonaws.com', '-', '', '999.1.2.3', '1.2.3', '1.2.3.4.5', 'AWS Internal'])('gives no address for %j', (raw) => {
    expect(normalizeIp(raw)).toBeUndefined();
  });
});
