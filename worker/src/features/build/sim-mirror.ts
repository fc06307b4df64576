import { TileKind, tileBlocks, type MovementSim } from "@edgehold/sim-core";
import type { BuildChange, Structure } from "./build-state.ts";
import { TILE_KIND_OF } from "./tile-bounds.ts";

/** Puts every structure into the sim's tile grid (at start-up, after hydration). */
export function mirrorStructures(sim: MovementSim, structures: Iterable<Structure>): void {
  for (const structure of structures) setStructureTile(sim, structure);
}

/**
 * Applies one accepted change to the sim, at the step of the input that carried it and before that step's
 * movement, exactly as the page's predictor applies its own pending builds.
 */
export function mirrorChange(sim: MovementSim, change: BuildChange): void {
  if (change.op === "placed") setStructureTile(sim, change.structure);
  else sim.setTile(change.structure.tx, change.structure.ty, TileKind.empty);
}

/**
 * The structure's tile with the structure's hp (what projectiles wear down; the sim's `tile_hit` events report it
 * back). A kind the sim never hits (floor) carries no hp there; neither does a structure at 0, which cannot exist.
 */
function setStructureTile(sim: MovementSim, { tx, ty, kind, hp }: Structure): void {
  const tileKind = TILE_KIND_OF[kind];
  if (tileBlocks(tileKind) && Number.isInteger(hp) && hp > 0) sim.setTile(tx, ty, tileKind, hp);
  else sim.setTile(tx, ty, tileKind);
}
