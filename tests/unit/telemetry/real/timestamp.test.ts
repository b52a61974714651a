import { describe, expect, it } from 'vitest';
import { toIsoTimestamp } from '../../../../src/telemetry/real/timestamp.js';

describe('toIsoTimestamp', () => {
  it.each([
    ['2024-08-01T13:33:28Z', '2024-08-01T13:33:28.000Z'],
    ['2025-11-27T07:40:10.165324Z', '2025-11-27T07:40:10.165Z'],
    ['2020-09-20T12:16:06-04:00', '2020-09-20T16:16:06.000Z'],
    ['2020-09-20T12:16:06+0200', '2020-09-20T10:16:06.000Z'],
  ])('converts the zoned time %s to UTC %s', (raw, expected) => {
    expect(toIsoTimestamp(raw)).toBe(expected);
  });

  it('reads a time without zone as UTC', () => {
    expect(toIsoTimestamp('2020-10-18 07:50:06.220')).toBe('2020-10-18T07:50:06.220Z');
  });

  it.each(['2024-02-30T00:00:00Z', '2023-02-29 10:00:00', '2024-01-01T24:00:00Z', 'yesterday', '2024-01-01'])('refuses %j', (raw) => {
    expect(toIsoTimestamp(raw)).toBeUndefined();
  });
});
