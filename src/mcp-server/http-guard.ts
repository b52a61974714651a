import { createHash, timingSafeEqual } from 'node:crypto';

/** Host names a loopback-bound server answers to; anything else in `Host` is a DNS-rebinding attempt. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

export interface HttpPolicy {
  token: string;
  /** Accepted `Host` names (without port), in addition to the loopback names. */
  allowedHosts: readonly string[];
  /** Accepted `Origin` values, e.g. `http://localhost:6274`. Requests without Origin (non-browser clients) pass. */
  allowedOrigins: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** Compares digests, not strings: equal-length inputs and constant time, so neither length nor prefix leaks. */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const presented = createHash('sha256').update(match?.[1] ?? '').digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(presented, expected) && match !== null;
}

/** The host part of a `Host` header, lowercased, with the port removed (`[::1]:3100` → `[::1]`). */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

export function hostAllowed(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  return [...LOOPBACK_HOSTS, ...allowedHosts.map((host) => host.toLowerCase())].includes(name);
}

function normaliseOrigin(origin: string): string | undefined {
  try {
    return new URL(origin).origin;
  } catch {
    return undefined; // `null` (opaque origins) and garbage are not origins we can allow
  }
}

export function originAllowed(origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normalised = normaliseOrigin(origin);
  return normalised !== undefined && allowedOrigins.some((allowed) => normaliseOrigin(allowed) === normalised);
}

/**
 * Checks a request before the MCP transport sees it: Host and Origin first (a browser page must not reach a
 * loopback server through a rebound DNS name or a cross-site request), then the bearer token.
 */
export function checkHttpRequest(headers: { host?: string | undefined; origin?: string | undefined; authorization?: string | undefined }, policy: HttpPolicy): GuardVerdict {
  if (!hostAllowed(headers.host, policy.allowedHosts)) return { ok: false, status: 403, reason: 'Host header not allowed' };
  if (!originAllowed(headers.origin, policy.allowedOrigins)) return { ok: false, status: 403, reason: 'Origin not allowed' };
  if (!bearerTokenMatches(headers.authorization, policy.token)) return { ok: false, status: 401, reason: 'missing or wrong bearer token' };
  return { ok: true };
}
