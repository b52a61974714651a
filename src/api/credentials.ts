import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a browser session lasts after login. */
export const SESSION_MAX_AGE_MS = 12 * 3_600_000;

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Equal-length digests compared in constant time: neither the content nor the length of a token leaks. */
function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The API's secrets at work: bearer tokens checked in constant time, browser sessions tied to the token that
 * opened them, and CSRF tokens tied to the session. A session names its token only by a keyed tag, so removing a
 * token from the configuration ends its sessions, and the cookie reveals nothing about the token.
 */
export class Credentials {
  private readonly tokenDigests: Buffer[];
  private readonly tokenTags: string[];

  constructor(
    tokens: readonly string[],
    private readonly secret: string,
  ) {
    if (tokens.length === 0) throw new Error('at least one API token is needed');
    this.tokenDigests = tokens.map(sha256);
    this.tokenTags = tokens.map((token) => this.mac(`session-token:${token}`).slice(0, 22));
  }

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value, 'utf8').digest('base64url');
  }

  /** True when `candidate` is one of the tokens; every token is compared, so the time taken is the same. */
  verifyToken(candidate: string): boolean {
    const digest = sha256(candidate);
    let found = false;
    for (const known of this.tokenDigests) found = sameDigest(digest, known) || found;
    return found;
  }

  /** The session value for a browser that logged in with `token` at `now`, or undefined for a wrong token. */
  openSession(token: string, now: Date): string | undefined {
    if (!this.verifyToken(token)) return undefined;
    const digest = sha256(token);
    const index = this.tokenDigests.findIndex((known) => sameDigest(digest, known));
    return `${now.getTime()}.${this.tokenTags[index]}`;
  }

  /** True when a (signature-checked) session value is younger than the maximum age and its token is still configured. */
  verifySession(session: string, now: Date): boolean {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(session);
    if (!match?.[1] || !match[2]) return false;
    const age = now.getTime() - Number(match[1]);
    if (age < 0 || age > SESSION_MAX_AGE_MS) return false;
    const tag = Buffer.from(match[2]);
    let found = false;
    for (const known of this.tokenTags) found = sameDigest(tag, Buffer.from(known)) || found;
    return found;
  }

  /** The CSRF token of a session: forms of that session carry it, and nobody else can compute it. */
  csrfToken(session: string): string {
    return this.mac(`csrf:${session}`);
  }

  verifyCsrfToken(session: string, candidate: string): boolean {
    return sameDigest(sha256(candidate), sha256(this.csrfToken(session)));
  }
}
