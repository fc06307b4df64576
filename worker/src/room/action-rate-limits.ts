import type { RateLimit } from "../features/room-context.ts";
import { RateLimiter } from "./rate-limiter.ts";

/** Past this many players with buckets, a new bucket first drops the refilled ones: the map stays small. */
const PRUNE_ABOVE_PLAYERS = 1024;

/**
 * The room's per-player limits: one token bucket per player and action (a feature's "chat", "build", "build.preview",
 * the room's "room.join"), made on first use. A player who leaves keeps theirs, so rejoining is no refill (50 chat
 * lines per 10 s by reconnecting, say); a bucket that has refilled completely is the same as a new one, so those are
 * dropped from time to time to bound the map.
 */
export class ActionRateLimits {
  private readonly buckets = new Map<string, Map<string, RateLimiter>>();

  allow(playerId: string, action: string, limit: RateLimit, now: number): boolean {
    let byAction = this.buckets.get(playerId);
    if (!byAction) {
      if (this.buckets.size >= PRUNE_ABOVE_PLAYERS) this.pruneRefilled(now);
      this.buckets.set(playerId, (byAction = new Map()));
    }
    let bucket = byAction.get(action);
    if (!bucket) byAction.set(action, (bucket = new RateLimiter(limit.perSecond, limit.burst, now)));
    return bucket.take(now);
  }

  /** Drops every bucket that is full again at `now` (indistinguishable from a fresh one). */
  pruneRefilled(now: number): void {
    for (const [playerId, byAction] of this.buckets) {
      for (const [action, bucket] of byAction) if (bucket.isFull(now)) byAction.delete(action);
      if (byAction.size === 0) this.buckets.delete(playerId);
    }
  }
}

/** Seconds until a bucket of `limit` grants its next token (it was just refused, so at most one token's wait). */
export function secondsUntilNextToken(limit: RateLimit): number {
  return Math.ceil(1 / limit.perSecond);
}
