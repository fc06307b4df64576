import type { RoomWorld } from "../../room/room-world.ts";
import { unit } from "./brain.ts";

/**
 * Creatures appear on a ring 16–40 m from the centre. Players spawn within 8 m of it (movement/spawn-point.ts), so a
 * newcomer never finds a wolf on their spawn, and anyone who walks a few seconds out meets wildlife; 40 m keeps
 * them well inside the 64 m world's edge.
 */
const RING = { inner: 16, outer: 40 };
/** And at least this far (m) from every player: beyond the wolves' notice radius (10 m), so nothing pounces on arrival. */
const MIN_PLAYER_DISTANCE = 12;
/** Candidates tried before settling for the last one (a room crowded with players or walls). */
const TRIES = 24;

/**
 * A seeded spawn point for a creature: on the ring, away from players, where its body overlaps no blocking tile.
 * Deterministic for the same world and PRNG state.
 */
export function creatureSpawnPoint(world: RoomWorld, random: () => number): { x: number; y: number } {
  let point = { x: 0, y: RING.inner };
  for (let i = 0; i < TRIES; i++) {
    const angle = unit(random) * 2 * Math.PI;
    const radius = RING.inner + unit(random) * (RING.outer - RING.inner);
    point = { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
    if (world.isClearOfTiles(point.x, point.y) && farFromPlayers(world, point.x, point.y)) break;
  }
  return point;
}

function farFromPlayers(world: RoomWorld, x: number, y: number): boolean {
  for (const player of world.players.values()) {
    const dx = world.sim.bodies.x(player.slot) - x;
    const dy = world.sim.bodies.y(player.slot) - y;
    if (dx * dx + dy * dy < MIN_PLAYER_DISTANCE * MIN_PLAYER_DISTANCE) return false;
  }
  return true;
}
