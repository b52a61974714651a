import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/domain/backoff.js';

describe('Backoff', () => {
  it('doubles each wait up to the ceiling and starts again from the floor after a success', () => {
    const backoff = new Backoff(1_000, 5_000);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(backoff.streak).toBe(4);
    backoff.reset();
    expect(backoff.streak).toBe(0);
    expect(backoff.next()).toBe(1_000);
  });
});
