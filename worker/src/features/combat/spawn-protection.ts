import type { Sim } from "@edgehold/sim-core";
import { TICK_RATE } from "../../room/room-config.ts";

/**
 * How long a player is spawn-protected after a join that placed them at a spawn point, or a respawn: long enough to
 * read the page and take a first step, short enough that nobody hides in it (it also ends at their first shot).
 */
export const SPAWN_PROTECTION_STEPS = 3 * TICK_RATE;

/**
 * Spawn protection: the sim's per-body flag (projectiles pass through, splash spares, creatures ignore the body) set
 * for SPAWN_PROTECTION_STEPS after a spawn, cleared early when the player fires. Stamped by tick, no timers.
 */
export class SpawnProtection {
  /** Body slot → the tick its protection ends. */
  private readonly until = new Map<number, number>();

  constructor(private readonly sim: Sim) {}

  protect(slot: number, tick: number): void {
    this.until.set(slot, tick + SPAWN_PROTECTION_STEPS);
    this.sim.combat.setSpawnProtected(slot, true);
  }

  /** The body fires (or leaves): protected no longer. */
  end(slot: number): void {
    if (!this.until.delete(slot)) return;
    // A slot already freed (the body left) reads as unprotected anyway; the setter ignores inactive slots.
    this.sim.combat.setSpawnProtected(slot, false);
  }

  /** After each step: protections whose time is up end. */
  expire(tick: number): void {
    for (const [slot, untilTick] of this.until) if (tick >= untilTick) this.end(slot);
  }
}
