import { TileKind, type Sim } from "@edgehold/sim-core";
import type { BuildChange, Structure } from "./build-state.ts";
import { TILE_KIND_OF } from "./tile-bounds.ts";

/** Puts every structure into the sim's tile grid (at start-up, after hydration). */
export function mirrorStructures(sim: Sim, structures: Iterable<Structure>): void {
  for (const structure of structures) setStructureTile(sim, structure);
}

/**
 * Applies one accepted change to the sim, at the step of the input that carried it and before that step's
 * movement, exactly as the page's predictor applies its own pending builds.
 */
export function mirrorChange(sim: Sim, change: BuildChange): void {
  if (change.op === "placed") setStructureTile(sim, change.structure);
  else sim.tiles.set(change.structure.tx, change.structure.ty, TileKind.empty);
}

/**
 * The structure's tile with the structure's hp (what projectiles wear down; the sim's `tile_hit` events report it
 * back). The sim keeps no hp for a kind it never hits (floor). An hp that is no positive integer (a damaged row,
 * which tiles.set would refuse) gets the kind's default rather than failing the room's start.
 */
function setStructureTile(sim: Sim, { tx, ty, kind, hp }: Structure): void {
  sim.tiles.set(tx, ty, TILE_KIND_OF[kind], Number.isInteger(hp) && hp > 0 ? hp : undefined);
}
