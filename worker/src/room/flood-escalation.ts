import { StrikeCounter } from "./rate-limiter.ts";

/**
 * A player whose actions keep being refused for going over their limits (any feature's: chat lines, emotes, build
 * previews, …; see RoomContext.spend) is flooding, and gets louder answers: first an automatic mute (the features'
 * `flooded` hook: chat mutes them for a minute and tells them), then, if they keep going, a 4008 close. Refusals
 * are counted per player (not per connection, and kept when they leave: reconnecting does not wipe the slate), in
 * a sliding window.
 */

/**
 * Refusals within the window that count as flooding. A fast typist who hits the chat limit sees one or two
 * refusals and slows down; ten in ten seconds is a script or a key held down.
 */
export const FLOOD_STRIKES = 10;
const FLOOD_WINDOW_MS = 10_000;
/**
 * After the mute, this many more refusals within the window closes the connection (4008). More than FLOOD_STRIKES,
 * so a muted player who did not notice at once is not closed for it; the total (30) stays above the 20 protocol
 * strikes that would close 4002, which is what proves these refusals never count as protocol strikes.
 */
export const FLOOD_CLOSE_STRIKES = 20;
/** A flooder who stays quiet this long after their mute starts again from nothing. */
const FLOOD_MEMORY_MS = 10 * 60_000;

export type FloodVerdict = "none" | "mute" | "close";

interface FloodRecord {
  strikes: StrikeCounter;
  /** When the automatic mute was given (undefined: not yet). */
  mutedAt: number | undefined;
  lastStrikeAt: number;
}

export class FloodEscalation {
  private readonly records = new Map<string, FloodRecord>();

  /** A refused action of `playerId` at `now`: what to do about it. */
  refused(playerId: string, now: number): FloodVerdict {
    this.forgetQuiet(now);
    let record = this.records.get(playerId);
    if (!record) this.records.set(playerId, (record = { strikes: new StrikeCounter(FLOOD_STRIKES - 1, FLOOD_WINDOW_MS), mutedAt: undefined, lastStrikeAt: now }));
    record.lastStrikeAt = now;
    if (!record.strikes.strike(now)) return "none";
    if (record.mutedAt === undefined) {
      record.mutedAt = now;
      // Counting starts again for the second stage.
      record.strikes = new StrikeCounter(FLOOD_CLOSE_STRIKES - 1, FLOOD_WINDOW_MS);
      return "mute";
    }
    this.records.delete(playerId);
    return "close";
  }

  /** Bounded memory: players quiet for FLOOD_MEMORY_MS are forgotten. */
  private forgetQuiet(now: number): void {
    for (const [playerId, record] of this.records) if (now - record.lastStrikeAt > FLOOD_MEMORY_MS) this.records.delete(playerId);
  }
}
