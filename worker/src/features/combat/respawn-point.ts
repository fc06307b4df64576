import { spawnPoint } from "../movement/spawn-point.ts";

/**
 * Where a dead player comes back: a point on the ring of radius 4–8 m around the origin where players first
 * appear, chosen from the player id and their death count, so a player does not respawn on the spot where they
 * were just camped, and a replay of the same fight respawns them at the same places.
 */
export function respawnPoint(playerId: string, deaths: number): { x: number; y: number } {
  return spawnPoint(`${playerId}#${deaths}`);
}
