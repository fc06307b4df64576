import { ErrorCode } from "@edgehold/protocol";

/**
 * More joins than this by one player within JOIN_WINDOW_MS are refused with HTTP 429 before the upgrade. Every
 * join writes rows (a resume token, a session, a checkpoint of every present player) and sends a full snapshot, so
 * a reconnect loop would otherwise cost the room storage and bandwidth at the rate of the loop. A real client
 * reconnects with backoff (≥ 0.5 s, growing), far below 1 join/s; 10 in 10 s also covers a few quick reloads.
 */
export const MAX_JOINS_PER_WINDOW = 10;
export const JOIN_WINDOW_MS = 10_000;
/** Forget players with no join in the window once this many are tracked, so the map stays small. */
const PRUNE_ABOVE_PLAYERS = 1024;

/** Per-room sliding window of join times per player id (in memory: a restarted room starts afresh, which is fine). */
export class JoinThrottle {
  private readonly joins = new Map<string, number[]>();

  constructor(
    private readonly limit = MAX_JOINS_PER_WINDOW,
    private readonly windowMs = JOIN_WINDOW_MS,
  ) {}

  /**
   * Records a join by `playerId` and returns undefined, or returns how many seconds until it may join again (the
   * refused attempt is not recorded, so retrying at that time succeeds). Guests (no id) are not throttled here.
   */
  attempt(playerId: string | undefined, now: number): number | undefined {
    if (playerId === undefined) return undefined;
    if (this.joins.size > PRUNE_ABOVE_PLAYERS) this.prune(now);
    const times = (this.joins.get(playerId) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length >= this.limit) {
      this.joins.set(playerId, times);
      return Math.max(1, Math.ceil((times[0]! + this.windowMs - now) / 1000));
    }
    times.push(now);
    this.joins.set(playerId, times);
    return undefined;
  }

  private prune(now: number): void {
    for (const [playerId, times] of this.joins) {
      if (times.every((time) => time <= now - this.windowMs)) this.joins.delete(playerId);
    }
  }
}

/** The 429 a throttled join gets, before any WebSocket is accepted (the worker passes it through unchanged). */
export function tooManyJoinsResponse(retryAfterSeconds: number): Response {
  return Response.json(
    {
      error: ErrorCode.tooManyJoins,
      message: `too many joins: at most ${MAX_JOINS_PER_WINDOW} in ${JOIN_WINDOW_MS / 1000} s per player; retry in ${retryAfterSeconds} s`,
      retryAfter: retryAfterSeconds,
    },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
