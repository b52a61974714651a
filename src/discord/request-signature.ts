import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;

/** The application's public key as Discord shows it (64 hex characters), as a key node:crypto verifies with. */
export function discordPublicKey(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) throw new Error('a Discord public key is 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** What Discord signs: the timestamp header followed by the body exactly as sent. */
export function signedMessage(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
}

/**
 * True when `signatureHex` (the `X-Signature-Ed25519` header) is the application's Ed25519 signature of the
 * `X-Signature-Timestamp` header followed by the raw body. Anything malformed is simply not valid.
 */
export function isValidDiscordSignature(publicKey: KeyObject, signatureHex: string, timestamp: string, body: Buffer): boolean {
  if (!SIGNATURE_HEX.test(signatureHex)) return false;
  return verify(null, signedMessage(timestamp, body), publicKey, Buffer.from(signatureHex, 'hex'));
}

/**
 * What identifies a request for replay detection: a hash of the signed message, not the signature, so the same
 * request with its signature written in other letter case (hex is case-blind) is still the same request.
 */
export function requestFingerprint(timestamp: string, body: Buffer): string {
  return createHash('sha256').update(signedMessage(timestamp, body)).digest('hex');
}
