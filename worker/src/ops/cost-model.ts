/**
 * What a room costs in dollars: the one place Cloudflare's prices live. Durable Objects on the Workers Paid plan,
 * as published at https://developers.cloudflare.com/durable-objects/platform/pricing/ (read 2026-12-07):
 *
 * - Duration: $12.50 per million GB-s, every object billed at 128 MB while it is active. A room's object stays
 *   active while any socket is open (rooms accept sockets without hibernation: live-socket.ts), so duration is the
 *   loop's running time: 0.125 GB × 3,600 s × $12.50 / 1e6 = $0.005625 per room-hour.
 * - Requests: $0.15 per million; incoming WebSocket messages are billed 20 to 1 (outgoing ones are free).
 * - SQLite storage: rows written $1.00 per million, rows read $0.001 per million (not counted here: reads are
 *   three orders of magnitude cheaper and the room reads little), stored data $0.20 per GB-month (tiny per room).
 *
 * Marginal prices: the plan's monthly included amounts are not subtracted (they are shared by the whole account).
 */
export const PRICES = {
  usdPerGbSecond: 12.5 / 1e6,
  billedGbPerObject: 0.128,
  usdPerRequest: 0.15 / 1e6,
  incomingMessagesPerRequest: 20,
  usdPerRowWritten: 1 / 1e6,
  publishedAt: "2026-12-07",
} as const;

const HOUR_MS = 3_600_000;
/**
 * Rates are taken over at least this much running time: a join writes a few rows at once (profile, session,
 * checkpoint), and over a room's first second that would read as millions of rows an hour.
 */
const MIN_RATE_WINDOW_MS = 60_000;

/** What the room used in a run: how long its loop ran, rows written, messages received. */
export interface RoomUsage {
  runningMs: number;
  rowsWritten: number;
  messagesReceived: number;
}

/** Dollars `usage` cost. */
export function usdOf(usage: RoomUsage): number {
  const duration = (usage.runningMs / 1000) * PRICES.billedGbPerObject * PRICES.usdPerGbSecond;
  const requests = (usage.messagesReceived / PRICES.incomingMessagesPerRequest) * PRICES.usdPerRequest;
  return duration + requests + usage.rowsWritten * PRICES.usdPerRowWritten;
}

/**
 * Dollars per hour of running at the rates of `usage`: rows written and messages per running hour (over at least a
 * minute), plus an hour of duration. 0 for a room whose loop has not run.
 */
export function usdPerRunningHour(usage: RoomUsage): number {
  if (usage.runningMs <= 0) return 0;
  const window = Math.max(usage.runningMs, MIN_RATE_WINDOW_MS);
  const traffic = usdOf({ ...usage, runningMs: 0 }) * (HOUR_MS / window);
  return traffic + usdOf({ runningMs: HOUR_MS, rowsWritten: 0, messagesReceived: 0 });
}

/** Rows written per running hour (0 before the loop ran). */
export function rowsPerRunningHour(usage: RoomUsage): number {
  return usage.runningMs <= 0 ? 0 : Math.round((usage.rowsWritten * HOUR_MS) / Math.max(usage.runningMs, MIN_RATE_WINDOW_MS));
}
