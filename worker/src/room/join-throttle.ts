import { ErrorCode } from "@edgehold/protocol";
import type { RateLimit } from "../features/room-context.ts";
import { secondsUntilNextToken, type ActionRateLimits } from "./action-rate-limits.ts";

/**
 * Joins per player, from the room's token buckets: 10 at once, then one every 10 s (so never more than 11 in any
 * 10 s). Beyond that a join is refused with HTTP 429 before the upgrade. Every join writes rows (a resume token, a
 * session, a checkpoint of every present player) and sends a full snapshot, so a reconnect loop would otherwise cost
 * the room storage and bandwidth at the rate of the loop. A real client reconnects with backoff (≥ 0.5 s, growing),
 * and the burst of 10 covers a few quick reloads.
 */
export const JOIN_LIMIT: RateLimit = { perSecond: 0.1, burst: 10 };

/** The bucket joins spend (beside features' actions: its name is no feature's). */
const JOIN_ACTION = "room.join";

/**
 * Spends a join of `playerId` and returns undefined, or returns how many seconds until it may join again (a refused
 * attempt spends nothing, so retrying then succeeds). Guests (no id) are not throttled here.
 */
export function throttleJoin(buckets: ActionRateLimits, playerId: string | undefined, now: number): number | undefined {
  if (playerId === undefined || buckets.allow(playerId, JOIN_ACTION, JOIN_LIMIT, now)) return undefined;
  return secondsUntilNextToken(JOIN_LIMIT);
}

/** The 429 a throttled join gets, before any WebSocket is accepted (the worker passes it through unchanged). */
export function tooManyJoinsResponse(retryAfterSeconds: number): Response {
  return Response.json(
    {
      error: ErrorCode.tooManyJoins,
      message: `too many joins: at most ${JOIN_LIMIT.burst} at once, then one every ${1 / JOIN_LIMIT.perSecond} s, per player; retry in ${retryAfterSeconds} s`,
      retryAfter: retryAfterSeconds,
    },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
