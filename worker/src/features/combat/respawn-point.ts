import type { MovementSim } from "@edgehold/sim-core";
import { clearSpawnPoint } from "../movement/spawn-point.ts";

/**
 * Where a dead player comes back: a point on the ring of radius 4–8 m around the origin where players first
 * appear, chosen from the player id and their death count, so a player does not respawn on the spot where they
 * were just camped, and a replay of the same fight respawns them at the same places. A point someone built on is
 * passed over for the next clear one (`id#deaths#1`, …; see clearSpawnPoint).
 */
export function respawnPoint(sim: MovementSim, playerId: string, deaths: number): { x: number; y: number } {
  return clearSpawnPoint(sim, `${playerId}#${deaths}`);
}
