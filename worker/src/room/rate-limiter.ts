/**
 * Token bucket per connection. A well-behaved client sends ~20 input batches and 1 ping per second; the bucket
 * allows bursts of `burst` frames and a sustained `perSecond` rate, several times what the client needs.
 * The same bucket meters bytes when `cost` is a frame's size (see Connection's byte budget).
 */
export class RateLimiter {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.lastRefillMs = now;
  }

  /** True when the bucket would hold `burst` tokens at `now` (it is then the same as a fresh one). */
  isFull(now: number): boolean {
    return this.tokens + (Math.max(0, now - this.lastRefillMs) * this.perSecond) / 1000 >= this.burst;
  }

  /** Takes `cost` tokens (one frame, or a frame's bytes); false when the frame must be dropped. */
  take(now: number, cost = 1): boolean {
    const elapsed = Math.max(0, now - this.lastRefillMs);
    this.lastRefillMs = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/** Counts events in a sliding window, to tell a client that slipped once from one that keeps misbehaving. */
export class StrikeCounter {
  private times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a strike; true when the limit within the window is exceeded. */
  strike(now: number): boolean {
    this.times.push(now);
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    return this.times.length > this.limit;
  }
}
