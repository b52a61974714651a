import { describe, expect, it } from 'vitest';
import { discordPublicKey, isValidDiscordSignature, requestFingerprint } from '../../../src/discord/request-signature.js';
import { createDiscordSigner } from '../../support/discord-signer.js';

const signer = createDiscordSigner();
const key = discordPublicKey(signer.publicKeyHex);
const body = '{"type":1,"id":"1","application_id":"2"}';
const signed = signer.headers(body, 1_700_000_000);
const signature = signed['x-signature-ed25519'] ?? '';
const timestamp = signed['x-signature-timestamp'] ?? '';

describe('isValidDiscordSignature', () => {
  it('accepts the signature of the timestamp followed by the exact body', () => {
    expect(isValidDiscordSignature(key, signature, timestamp, Buffer.from(body))).toBe(true);
  });

  it('accepts the signature written in upper-case hex, as it is the same signature', () => {
    expect(isValidDiscordSignature(key, signature.toUpperCase(), timestamp, Buffer.from(body))).toBe(true);
  });

  it('refuses a body changed by one byte, even only in white space', () => {
    expect(isValidDiscordSignature(key, signature, timestamp, Buffer.from(body.replace('"type":1', '"type": 1')))).toBe(false);
  });

  it('refuses the signature moved to another timestamp', () => {
    expect(isValidDiscordSignature(key, signature, String(Number(timestamp) + 1), Buffer.from(body))).toBe(false);
  });

  it('refuses a signature made with another key', () => {
    const other = createDiscordSigner().headers(body, 1_700_000_000)['x-signature-ed25519'] ?? '';
    expect(isValidDiscordSignature(key, other, timestamp, Buffer.from(body))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['too short', signature.slice(0, 64)],
    ['not hex', `${signature.slice(0, 126)}zz`],
    ['too long', `${signature}00`],
  ])('refuses a signature that is %s without throwing', (_label, candidate) => {
    expect(isValidDiscordSignature(key, candidate, timestamp, Buffer.from(body))).toBe(false);
  });
});

describe('discordPublicKey', () => {
  it('refuses anything but 64 hex characters', () => {
    expect(() => discordPublicKey('abc')).toThrow('64 hexadecimal characters');
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same timestamp and body, and differs when either changes', () => {
    const base = requestFingerprint(timestamp, Buffer.from(body));
    expect(requestFingerprint(timestamp, Buffer.from(body))).toBe(base);
    expect(requestFingerprint(String(Number(timestamp) + 1), Buffer.from(body))).not.toBe(base);
    expect(requestFingerprint(timestamp, Buffer.from(`${body} `))).not.toBe(base);
  });
});
