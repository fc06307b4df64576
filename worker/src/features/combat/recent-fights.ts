import { TICK_RATE } from "../../room/room-config.ts";

/**
 * How recent a fight keeps a leaving player's body in the world, and for how long it stays: 10 s, long enough that
 * closing the tab mid-fight saves nobody, short enough that a body left standing soon goes.
 */
export const FIGHT_LINGER_MS = 10_000;
const FIGHT_WINDOW_STEPS = (FIGHT_LINGER_MS / 1000) * TICK_RATE;

/** When each player last dealt or took damage (by tick): whether leaving now would be an escape. */
export class RecentFights {
  private readonly lastAt = new Map<string, number>();

  /** A hit: both the shooter (if a player) and the target (if a player) were fighting at `tick`. */
  record(tick: number, ...playerIds: (string | undefined)[]): void {
    for (const playerId of playerIds) if (playerId !== undefined) this.lastAt.set(playerId, tick);
  }

  /** How long (ms) the player's body should stay if they leave at `tick`: FIGHT_LINGER_MS after a recent fight, else 0. */
  lingerMs(playerId: string, tick: number): number {
    const at = this.lastAt.get(playerId);
    if (at === undefined) return 0;
    if (tick - at > FIGHT_WINDOW_STEPS) {
      this.lastAt.delete(playerId);
      return 0;
    }
    return FIGHT_LINGER_MS;
  }

  /** Bounded memory: fights older than the window are forgotten. */
  prune(tick: number): void {
    for (const [playerId, at] of this.lastAt) if (tick - at > FIGHT_WINDOW_STEPS) this.lastAt.delete(playerId);
  }
}
