import type { RoomWorld } from "../../room/room-world.ts";

/**
 * Where a dead player comes back: a spawn point of the room's kind (a point of the ring around the origin where
 * players first appear) chosen from the player id and their death count, so a player does not respawn on the spot
 * where they were just camped, and a replay of the same fight respawns them at the same places. A point someone
 * built on is passed over for the next clear one (`id#deaths#1`, …; see clearSpawnPoint).
 */
export function respawnPoint(world: RoomWorld, playerId: string, deaths: number): { x: number; y: number } {
  return world.spawnPoint(`${playerId}#${deaths}`);
}
