import type { RateLimit } from "../features/room-context.ts";
import { RateLimiter } from "./rate-limiter.ts";

/** One token bucket per player and action (e.g. "build.place"), made on first use and forgotten when they leave. */
export class ActionRateLimits {
  private readonly buckets = new Map<string, Map<string, RateLimiter>>();

  allow(playerId: string, action: string, limit: RateLimit, now: number): boolean {
    let byAction = this.buckets.get(playerId);
    if (!byAction) this.buckets.set(playerId, (byAction = new Map()));
    let bucket = byAction.get(action);
    if (!bucket) byAction.set(action, (bucket = new RateLimiter(limit.perSecond, limit.burst, now)));
    return bucket.take(now);
  }

  forget(playerId: string): void {
    this.buckets.delete(playerId);
  }
}

/** Seconds until a bucket of `limit` grants its next token (it was just refused, so at most one token's wait). */
export function secondsUntilNextToken(limit: RateLimit): number {
  return Math.ceil(1 / limit.perSecond);
}
