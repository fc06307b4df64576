/**
 * The room's one rate limiter: a token bucket, `burst` tokens at once and `perSecond` sustained. Every limit the
 * room and its features set is one: a connection's frames and bytes (a frame's size is its `cost`; see Connection),
 * and each player's actions — chat lines, emotes, build actions and previews, resyncs, joins (ActionRateLimits).
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

/**
 * Counts events in a sliding window, to tell a client that slipped once from one that keeps misbehaving. Not a
 * limiter (it refuses nothing): it decides when refusals and bad frames escalate (4002, 4008, the flood escalation).
 */
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
