import { describe, expect, it } from 'vitest';
import { base64OffsetFragments, utf16beBytes, utf16Bytes, utf16leBytes, utf8Bytes } from '../../../../src/producer/sigma/encodings.js';

describe('base64OffsetFragments', () => {
  it('gives the stable middle of the value at each of the three offsets', () => {
    expect(base64OffsetFragments(utf8Bytes('cmd'))).toEqual(['Y21k', 'NtZ', 'jbW']);
    expect(base64OffsetFragments(utf8Bytes('Add-MpPreference '))).toEqual(['QWRkLU1wUHJlZmVyZW5jZS', 'FkZC1NcFByZWZlcmVuY2Ug', 'BZGQtTXBQcmVmZXJlbmNlI']);
  });

  it('finds the value inside base64 of a longer text whatever its position', () => {
    const needle = 'Invoke-Expression';
    for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz']) {
      const haystack = Buffer.from(`${prefix}${needle} -args`).toString('base64');
      expect(base64OffsetFragments(utf8Bytes(needle)).some((fragment) => haystack.includes(fragment))).toBe(true);
    }
  });
});

describe('UTF-16 encodings', () => {
  it('encodes little endian, big endian, and with the byte order mark', () => {
    expect([...utf16leBytes('cmd')]).toEqual([0x63, 0, 0x6d, 0, 0x64, 0]);
    expect([...utf16beBytes('cmd')]).toEqual([0, 0x63, 0, 0x6d, 0, 0x64]);
    expect([...utf16Bytes('cmd')]).toEqual([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]);
  });
});
