import { describe, expect, it } from 'vitest';
import { FUTURE_SKEW_SECONDS, checkFreshness, replayMemorySeconds } from '../../../src/discord/request-freshness.js';

const now = new Date('2026-11-18T10:00:00.000Z');
const seconds = (offset: number): string => String(now.getTime() / 1000 + offset);

describe('checkFreshness', () => {
  it('accepts a request signed just now, and one as old as the window allows', () => {
    expect(checkFreshness(seconds(0), now, 300)).toEqual({ fresh: true });
    expect(checkFreshness(seconds(-300), now, 300)).toEqual({ fresh: true });
  });

  it('refuses a request older than the window, saying so', () => {
    expect(checkFreshness(seconds(-301), now, 300)).toEqual({ fresh: false, reason: 'the request is older than 300 s' });
  });

  it('accepts a timestamp a little ahead of our clock, and refuses one further ahead', () => {
    expect(checkFreshness(seconds(FUTURE_SKEW_SECONDS), now, 300).fresh).toBe(true);
    expect(checkFreshness(seconds(FUTURE_SKEW_SECONDS + 1), now, 300)).toEqual({ fresh: false, reason: 'the request is dated in the future' });
  });

  it.each(['', 'abc', '-5', '1.5', '17000000000000'])('refuses the timestamp %j as not a Unix time', (timestamp) => {
    expect(checkFreshness(timestamp, now, 300)).toEqual({ fresh: false, reason: 'X-Signature-Timestamp is not a Unix time in seconds' });
  });
});

describe('replayMemorySeconds', () => {
  it('remembers a request for as long as any copy of it could still be fresh', () => {
    // Accepted first at its earliest (dated SKEW ahead), a copy stays fresh until it is max-age old.
    expect(replayMemorySeconds(300)).toBe(300 + FUTURE_SKEW_SECONDS);
  });
});
