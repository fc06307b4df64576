/**
 * At most `limit` build actions per player in any window of `windowMs`: the times of the last `limit` accepted
 * attempts, and an attempt is allowed once the oldest of them is a full window old. (A token bucket of the same
 * rate would let 2 × limit through across a window boundary; this is exact, and just as small.)
 */
export class BuildRateLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt at `now` (ms) and answers whether it is within the rate. */
  take(now: number): boolean {
    if (this.times.length >= this.limit) {
      if (now - this.times[0]! < this.windowMs) return false;
      this.times.shift();
    }
    this.times.push(now);
    return true;
  }
}
