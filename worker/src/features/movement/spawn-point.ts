import type { SpawnRing, WorldRules } from "@edgehold/protocol";
import { BODY_RADIUS, fnvString, tileBlocks, type Sim } from "@edgehold/sim-core";
import { finalMix } from "../../room/final-mix.ts";
import { nearestFreeSpot } from "./free-spot.ts";

/**
 * Where a player with no checkpoint appears: a point on the room kind's spawn ring around the origin (4–8 m for a
 * `room`) chosen from a hash of the player id, so players arriving together do not stack on one spot, and the same
 * player always gets the same place. Snapped to the sim's grid by the sim itself.
 */
export function spawnPoint(playerId: string, ring: SpawnRing): { x: number; y: number } {
  const h = fnvString(playerId);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radius = ring.minRadius + ((h >>> 16) / 0x10000) * (ring.maxRadius - ring.minRadius);
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}

/** Points of the ring tried for a clear one (`key`, then `key#1` … `key#15`) before settling for the first. */
export const SPAWN_TRIES = 16;

/**
 * `spawnPoint(key)` unless a body there would overlap a blocking tile (someone built on it); then the first clear
 * one of `spawnPoint(`${key}#1`)`, `…#2`, …. On a ring walled in everywhere it is the first point after all: a body
 * placed inside a tile walks out of it (tiles it overlaps never block it). Deterministic for the same tiles.
 */
export function clearSpawnPoint(sim: Sim, ring: SpawnRing, key: string): { x: number; y: number } {
  return firstClearPoint(sim, key, (k) => spawnPoint(k, ring)) ?? spawnPoint(key, ring);
}

/** The first of `pointOf(key)`, `pointOf(`${key}#1`)` … `#15` where a body would overlap no blocking tile, if any. */
function firstClearPoint(sim: Sim, key: string, pointOf: (key: string) => { x: number; y: number }): { x: number; y: number } | undefined {
  for (let k = 0; k < SPAWN_TRIES; k++) {
    const point = pointOf(k === 0 ? key : `${key}#${k}`);
    if (clearOfTiles(sim, point.x, point.y)) return point;
  }
  return undefined;
}

/**
 * Scattered spawns keep this far (m) from the world's edge: a newcomer is never pinned against it, and has room to
 * walk away in every direction.
 */
const SCATTER_EDGE_MARGIN = 8;

/**
 * A point anywhere in `world` (SCATTER_EDGE_MARGIN inside its edge) chosen from two hashes of `key`, so players
 * arriving together land far apart across a big world and the same key always gets the same place.
 */
export function scatterPoint(key: string, world: WorldRules): { x: number; y: number } {
  const low = world.minTile + SCATTER_EDGE_MARGIN;
  const span = world.maxTile + 1 - SCATTER_EDGE_MARGIN - low;
  // Mixed: FNV-1a of `…/x` and `…/y` differ by about 2^-8 of their range, which put every player near the diagonal.
  return { x: low + (finalMix(fnvString(`${key}/x`)) / 2 ** 32) * span, y: low + (finalMix(fnvString(`${key}/y`)) / 2 ** 32) * span };
}

/**
 * Where a player appears in a kind that scatters its spawns (a `plaza`): `scatterPoint(key)` unless a body there would
 * overlap a blocking tile; then the first clear one of `scatterPoint(`${key}#1`)` … `#15`; failing those, the free
 * spot nearest the first point (the room's sim decides what is clear). Deterministic for the same tiles.
 */
export function scatterSpawnPoint(sim: Sim, world: WorldRules, key: string): { x: number; y: number } {
  const clear = firstClearPoint(sim, key, (k) => scatterPoint(k, world));
  if (clear) return clear;
  const first = scatterPoint(key, world);
  return nearestFreeSpot(sim, world, first.x, first.y) ?? first;
}

/** No blocking tile under any corner of a body at (x, y) (a body is smaller than a tile: its corners cover it). */
export function clearOfTiles(sim: Sim, x: number, y: number): boolean {
  for (const cx of [x - BODY_RADIUS, x + BODY_RADIUS]) {
    for (const cy of [y - BODY_RADIUS, y + BODY_RADIUS]) if (tileBlocks(sim.tiles.kind(Math.floor(cx), Math.floor(cy)))) return false;
  }
  return true;
}
