import { MAX_REWIND_STEPS } from "@edgehold/sim-core";
import type { TickTimes } from "./tick-times.ts";

/**
 * Lag compensation's bound in time: a shot is judged against the world at most this long before the newest
 * published tick, whatever the shooter's latency. The sim's own bound, MAX_REWIND_STEPS (8, counted from the step
 * being computed, so 7 published ticks = 233 ms), is the tighter one. Beyond it a laggy shooter would hit targets
 * that had long reached cover on their own screens (Valve's games cap their rewind similarly).
 */
export const MAX_REWIND_MS = 250;

/**
 * What the rewind may reach back beyond half the shooter's measured RTT (the trip its input took): the page's
 * interpolation delay (100–150 ms, web/src/net/snapshot-timeline.ts). Together they bound a shot to what this
 * shooter's screen can have shown: a 10 ms player claiming 250 ms would hit targets already behind cover on it.
 */
export const REWIND_MARGIN_MS = 150;

export interface RewindQuery {
  /** The input's `viewTime`: the server time the shooter's screen showed the others at. */
  viewTime: number | undefined;
  /**
   * The tick of the bodies' state this input's projectile is first tested against with rewind 0 (see
   * CombatRoom.input): `world.tick + 1` for an input of the world step, `world.tick + 2` for a catch-up input.
   */
  currentTick: number;
  /** serverTime of the first snapshot the shooter's connection received: it cannot have seen anything earlier. */
  firstSnapshotAt: number | undefined;
  /**
   * The shooter connection's RTT as the room measured it (from its ackTicks). None yet counts as 0 — the rewind
   * then reaches REWIND_MARGIN_MS back, the interpolation delay alone — because the safe reading must not reward a
   * client for withholding its acks (an honest one confirms its first snapshot within ~100 ms of getting it).
   */
  rttMs: number | undefined;
  times: TickTimes;
}

/** How far back (ms from the newest tick) a shooter with this measured RTT may have seen: RTT/2 + 150, ≤ 250. */
export function rewindWindowMs(rttMs: number | undefined): number {
  return Math.min(MAX_REWIND_MS, (rttMs ?? 0) / 2 + REWIND_MARGIN_MS);
}

/**
 * How many world steps back the sim should judge a shot (`sim.combat.setRewind`): the steps between the state the
 * shooter's projectile is first tested against and the tick its screen showed at `viewTime`. `viewTime` is clamped to
 * [max(first snapshot seen, newest − min(RTT/2 + 150 ms, MAX_REWIND_MS)), newest] first, so a forged or stale time
 * can neither reach further back than this shooter's latency explains, nor ahead; the result is
 * 0..MAX_REWIND_STEPS. No viewTime (or no snapshot seen yet): no rewind.
 */
export function rewindSteps(query: RewindQuery): number {
  const { viewTime, firstSnapshotAt, times } = query;
  if (viewTime === undefined || firstSnapshotAt === undefined) return 0;
  const newestTime = times.timeOf(times.newest);
  if (newestTime === undefined) return 0;
  const earliest = Math.max(firstSnapshotAt, newestTime - rewindWindowMs(query.rttMs));
  const seen = Math.min(Math.max(viewTime, earliest), newestTime);
  const shown = times.nearestTick(seen, MAX_REWIND_STEPS);
  if (shown === undefined) return 0;
  return Math.max(0, Math.min(MAX_REWIND_STEPS, query.currentTick - shown));
}
