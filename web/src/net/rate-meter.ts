/**
 * Counts events (or bytes) and reports their per-second rate over the last full second, in O(1) memory: ten
 * completed 100 ms buckets plus the one filling now (not counted until complete, so the rate never over- or
 * under-counts a partial bucket; it lags by at most 100 ms).
 */
export class RateMeter {
  private static readonly BUCKET_MS = 100;
  private static readonly BUCKETS = 11;
  private readonly buckets = new Float64Array(RateMeter.BUCKETS);
  private bucketStart: number | undefined;
  private firstAt = 0;
  private index = 0;

  add(amount: number, now: number): void {
    this.advance(now);
    this.buckets[this.index]! += amount;
  }

  perSecond(now: number): number {
    this.advance(now);
    if (this.bucketStart === undefined) return 0;
    let sum = 0;
    for (let i = 0; i < RateMeter.BUCKETS; i++) if (i !== this.index) sum += this.buckets[i]!;
    // Before a full second of history, divide by the history there is.
    const spanMs = Math.min(1000, this.bucketStart - this.firstAt);
    return spanMs > 0 ? (sum * 1000) / spanMs : 0;
  }

  private advance(now: number): void {
    if (this.bucketStart === undefined) {
      this.bucketStart = this.firstAt = now;
      return;
    }
    const steps = Math.floor((now - this.bucketStart) / RateMeter.BUCKET_MS);
    if (steps <= 0) return;
    for (let i = 0; i < Math.min(steps, RateMeter.BUCKETS); i++) {
      this.index = (this.index + 1) % RateMeter.BUCKETS;
      this.buckets[this.index] = 0;
    }
    this.bucketStart += steps * RateMeter.BUCKET_MS;
  }
}
