import { describe, expect, it } from 'vitest';
import { Credentials, SESSION_MAX_AGE_MS } from '../../../src/api/credentials.js';

const SECRET = 'unit-test-cookie-secret-0123456789abcdef';
const TOKENS = ['first-token-0123456789abcdef', 'second-token-0123456789abcdef'];
const now = new Date('2026-11-18T10:00:00Z');

describe('Credentials', () => {
  const credentials = new Credentials(TOKENS, SECRET);

  it('accepts every configured token and nothing else', () => {
    expect(credentials.verifyToken(TOKENS[0] ?? '')).toBe(true);
    expect(credentials.verifyToken(TOKENS[1] ?? '')).toBe(true);
    expect(credentials.verifyToken('first-token-0123456789abcde')).toBe(false);
    expect(credentials.verifyToken('')).toBe(false);
    expect(credentials.verifyToken(`${TOKENS[0] ?? ''}x`)).toBe(false);
  });

  it('refuses to work without a token', () => {
    expect(() => new Credentials([], SECRET)).toThrow('at least one API token');
  });

  it('opens a session only for a valid token, and the session does not contain the token', () => {
    expect(credentials.openSession('wrong-token-0123456789abcdef', now)).toBeUndefined();
    const session = credentials.openSession(TOKENS[1] ?? '', now) ?? '';
    expect(session).not.toContain(TOKENS[1]);
    expect(credentials.verifySession(session, now)).toBe(true);
  });

  it('ends a session after its maximum age, and refuses one dated in the future', () => {
    const session = credentials.openSession(TOKENS[0] ?? '', now) ?? '';
    expect(credentials.verifySession(session, new Date(now.getTime() + SESSION_MAX_AGE_MS))).toBe(true);
    expect(credentials.verifySession(session, new Date(now.getTime() + SESSION_MAX_AGE_MS + 1))).toBe(false);
    expect(credentials.verifySession(session, new Date(now.getTime() - 1))).toBe(false);
  });

  it('ends the sessions of a token removed from the configuration', () => {
    const session = credentials.openSession(TOKENS[0] ?? '', now) ?? '';
    const rotated = new Credentials([TOKENS[1] ?? ''], SECRET);
    expect(rotated.verifySession(session, now)).toBe(false);
  });

  it('gives each session its own CSRF token, which another key cannot forge', () => {
    const one = credentials.openSession(TOKENS[0] ?? '', now) ?? '';
    const other = credentials.openSession(TOKENS[0] ?? '', new Date(now.getTime() + 1000)) ?? '';
    const token = credentials.csrfToken(one);
    expect(credentials.verifyCsrfToken(one, token)).toBe(true);
    expect(credentials.verifyCsrfToken(other, token)).toBe(false);
    expect(new Credentials(TOKENS, 'another-secret-0123456789abcdefghijkl').verifyCsrfToken(one, token)).toBe(false);
  });

  it('rejects session values that are not its own format', () => {
    for (const value of ['', 'garbage', '1.2', `${now.getTime()}.${'a'.repeat(21)}`, `-1.${'a'.repeat(22)}`]) expect(credentials.verifySession(value, now), value).toBe(false);
  });
});
