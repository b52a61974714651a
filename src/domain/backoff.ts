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
    const delay = Math.min(this.ceilingMs, this.floorMs * 2 ** this.failures);
    this.failures += 1;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }

  /** Consecutive failures since the last success. */
  get streak(): number {
    return this.failures;
  }
}
