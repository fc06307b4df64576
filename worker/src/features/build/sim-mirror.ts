import { TileKind, type MovementSim } from "@edgehold/sim-core";
import type { BuildChange, Structure } from "./build-state.ts";
import { TILE_KIND_OF } from "./tile-bounds.ts";

/** Puts every structure into the sim's tile grid (at start-up, after hydration). */
export function mirrorStructures(sim: MovementSim, structures: Iterable<Structure>): void {
  for (const { tx, ty, kind } of structures) sim.setTile(tx, ty, TILE_KIND_OF[kind]);
}

/**
 * Applies one accepted change to the sim, at the step of the input that carried it and before that step's
 * movement, exactly as the page's predictor applies its own pending builds.
 */
export function mirrorChange(sim: MovementSim, change: BuildChange): void {
  const { tx, ty, kind } = change.structure;
  sim.setTile(tx, ty, change.op === "placed" ? TILE_KIND_OF[kind] : TileKind.empty);
}
