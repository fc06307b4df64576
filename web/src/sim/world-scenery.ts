import type { WorldRules } from "@edgehold/protocol";
import { generateScenery, placeScenery, type Scenery, type Sim } from "@edgehold/sim-core";

/** The last scenery generated: a reconnect's welcome and the renderer ask for the same one, generated once. */
let last: { seed: number; minTile: number; maxTile: number; scenery: Scenery } | undefined;

/**
 * The scenery of a welcome's world (its trees, rocks and landmarks, from its `scenerySeed`), by the generator the
 * room runs (sim-core's generateScenery): undefined for a world without scenery.
 */
export function sceneryOf(world: WorldRules | undefined): Scenery | undefined {
  const seed = world?.scenerySeed;
  if (world === undefined || seed === undefined) return undefined;
  if (last?.seed !== seed || last.minTile !== world.minTile || last.maxTile !== world.maxTile) {
    last = { seed, minTile: world.minTile, maxTile: world.maxTile, scenery: generateScenery(seed, world) };
  }
  return last.scenery;
}

/**
 * Makes the predicting sim (and whatever else bounds itself by the world, the interpolator) hold the welcome's world:
 * its bounds, then its scenery's tiles, exactly as the room's sim holds them, so the own body stops at a tree at the
 * step the room's does. Again on a reconnect: the same tiles are set again, nothing else changes.
 */
export function adoptWorld(world: WorldRules, sim: Sim, others: readonly { setWorld(world: WorldRules): void }[]): void {
  sim.setWorld(world);
  for (const other of others) other.setWorld(world);
  const scenery = sceneryOf(world);
  if (scenery) placeScenery(sim, scenery);
}
