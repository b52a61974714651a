/** The wait after `failures` consecutive failures (at least 1): the floor, doubling, capped at the ceiling. */
export function doublingDelay(floorMs: number, ceilingMs: number, failures: number): number {
  return Math.min(ceilingMs, floorMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Waits that double after each consecutive failure, up to a ceiling, and start again from the floor after a
 * success. Pure: the caller decides when to wait and reads the clock.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly floorMs: number,
    private readonly ceilingMs: number,
  ) {}

  /** The wait after one more failure. */
  next(): number {
    this.failures += 1;
    return doublingDelay(this.floorMs, this.ceilingMs, this.failures);
  }

  reset(): void {
    this.failures = 0;
  }

  /** Consecutive failures since the last success. */
  get streak(): number {
    return this.failures;
  }
}
