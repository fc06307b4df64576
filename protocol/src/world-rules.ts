/**
 * The facts of a room's world that a client needs to predict the room's rules, sent in the welcome: its tile
 * bounds and, for kinds that spawn on a ring, that ring (nothing blocking may be built near it). The room's kind
 * decides them (worker/src/room/kinds); everything here is plain data both sides read the same way.
 */
export interface WorldRules {
  /** Tile bounds, inclusive on both ends: tiles tx, ty ∈ minTile..maxTile lie inside the world. */
  readonly minTile: number;
  readonly maxTile: number;
  /** Kinds that spawn on a ring around the origin: its radii (m). Absent for scattered spawns. */
  readonly spawnRing?: SpawnRing;
  /**
   * Kinds with scenery (a plaza's trees, rocks and landmarks): the seed (u32) of sim-core's `generateScenery`, which
   * both sides run over these bounds for the same blocking tiles. Absent: the world has no scenery.
   */
  readonly scenerySeed?: number;
}

export interface SpawnRing {
  readonly minRadius: number;
  readonly maxRadius: number;
}

/** True if (tx, ty) is a tile of the world (integers inside its bounds). */
export function isTileInWorld(world: WorldRules, tx: number, ty: number): boolean {
  return Number.isInteger(tx) && Number.isInteger(ty) && tx >= world.minTile && tx <= world.maxTile && ty >= world.minTile && ty <= world.maxTile;
}

/** Distance (m) from (x, y) to the nearest point of the spawn ring (0 on or inside the ring's band). */
export function distanceToSpawnRing(ring: SpawnRing, x: number, y: number): number {
  // sqrt, not hypot: sqrt is correctly rounded in every engine, so the page and the room agree to the last bit.
  const r = Math.sqrt(x * x + y * y);
  return Math.max(ring.minRadius - r, r - ring.maxRadius, 0);
}
