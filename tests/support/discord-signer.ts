import { generateKeyPairSync, sign } from 'node:crypto';

/** A Discord application's key pair stood in by one made for the test: the server gets the public half. */
export interface DiscordSigner {
  /** 64 hex characters, as Discord shows the application's public key. */
  publicKeyHex: string;
  /** The signature headers Discord would send with `body` at `timestamp` (Unix seconds). */
  headers(body: string, timestamp?: number): Record<string, string>;
}

export function createDiscordSigner(): DiscordSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The DER of an Ed25519 public key ends with the raw 32-byte key.
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return {
    publicKeyHex,
    headers(body, timestamp = Math.floor(Date.now() / 1000)) {
      const stamp = String(timestamp);
      const signature = sign(null, Buffer.concat([Buffer.from(stamp), Buffer.from(body)]), privateKey).toString('hex');
      return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': stamp };
    },
  };
}
