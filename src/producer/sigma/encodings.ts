/** Byte-level transformations behind the Sigma encoding modifiers (`base64`, `base64offset`, `utf16*`, `wide`). */

export const utf8Bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UTF-16 little endian, no byte order mark (`utf16le` and its alias `wide`). */
export function utf16leBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  return bytes;
}

/** UTF-16 big endian, no byte order mark. */
export function utf16beBytes(text: string): Uint8Array {
  const le = utf16leBytes(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** `utf16`: the little endian byte order mark FF FE, then UTF-16 LE, as the specification's example shows. */
export function utf16Bytes(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...utf16leBytes(text)]);
}

export const base64Of = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * The three base64 fragments that appear inside any base64 text containing `bytes`, whatever its offset modulo 3
 * in the encoded stream. For offset `k` the value is preceded by `k` unknown bytes: the characters that mix those
 * bytes in (the first 2 for k = 1, the first 3 for k = 2) are dropped, and so is the last character when it mixes in
 * the unknown bytes that follow, with the padding.
 */
export function base64OffsetFragments(bytes: Uint8Array): string[] {
  const fragments: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = base64Of(new Uint8Array([...new Array<number>(offset).fill(0), ...bytes])).replace(/=+$/, '');
    const start = [0, 2, 3][offset] ?? 0;
    const end = (offset + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1;
    fragments.push(encoded.slice(start, end));
  }
  return fragments;
}
