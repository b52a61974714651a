/** How far a request's timestamp may lie ahead of our clock: clocks drift a little, never by minutes. */
export const FUTURE_SKEW_SECONDS = 30;

export type FreshnessCheck = { fresh: true } | { fresh: false; reason: string };

/**
 * Whether a signed request's `X-Signature-Timestamp` (Unix seconds) is recent: no older than `maxAgeSeconds`, and
 * no more than a small skew in the future. A captured request replayed later than that is refused on its age;
 * within it, by its fingerprint (see `replayMemorySeconds`).
 */
export function checkFreshness(timestamp: string, now: Date, maxAgeSeconds: number): FreshnessCheck {
  if (!/^[0-9]{1,12}$/.test(timestamp)) return { fresh: false, reason: 'X-Signature-Timestamp is not a Unix time in seconds' };
  const ageSeconds = now.getTime() / 1000 - Number(timestamp);
  if (ageSeconds > maxAgeSeconds) return { fresh: false, reason: `the request is older than ${maxAgeSeconds} s` };
  if (ageSeconds < -FUTURE_SKEW_SECONDS) return { fresh: false, reason: 'the request is dated in the future' };
  return { fresh: true };
}

/**
 * How long a seen request must be remembered so that no copy of it is accepted again: as long as any timestamp
 * it could carry stays fresh, from the first moment it could have been accepted.
 */
export function replayMemorySeconds(maxAgeSeconds: number): number {
  return maxAgeSeconds + FUTURE_SKEW_SECONDS;
}
