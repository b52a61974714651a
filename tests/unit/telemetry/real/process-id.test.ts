import { describe, expect, it } from 'vitest';
import { parsePort } from '../../../../src/telemetry/real/port-number.js';
import { parseProcessId } from '../../../../src/telemetry/real/process-id.js';

describe('parseProcessId', () => {
  it('reads the Security log hexadecimal and the Sysmon decimal forms', () => {
    expect(parseProcessId('0x12d8')).toBe(4824);
    expect(parseProcessId('4824')).toBe(4824);
  });

  it.each([undefined, '', '-', '12ab', '0x'])('gives no pid for %j', (raw) => {
    expect(parseProcessId(raw)).toBeUndefined();
  });
});

describe('parsePort', () => {
  it('reads a port and refuses what cannot be one', () => {
    expect(parsePort('443')).toBe(443);
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('-')).toBeUndefined();
    expect(parsePort(undefined)).toBeUndefined();
  });
});
