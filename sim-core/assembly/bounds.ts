// The room's world: a square of the tile storage (tiles.ts), set at run time by the host (api/world.ts
// setWorldTiles), since a room's kind decides it: a `room` is the default 128 m square, a `plaza` 512 m. Bodies are
// clamped to it, projectiles expire on leaving it, tiles outside it cannot be set.

import { DEFAULT_TILE_MAX, DEFAULT_TILE_MIN, TILE_MAX, TILE_MIN } from "./constants";

/** Tile bounds, inclusive: tiles minTile..maxTile on each axis lie inside the world. */
let minTile: i32 = DEFAULT_TILE_MIN;
let maxTile: i32 = DEFAULT_TILE_MAX;
/** Position bounds (m): a body's centre stays in [minPosition, maxPosition] on each axis (tile edges, on the grid). */
let minPosition: f64 = <f64>DEFAULT_TILE_MIN;
let maxPosition: f64 = <f64>(DEFAULT_TILE_MAX + 1);

/** True if minTile..maxTile is a non-empty range of the tile storage that holds the origin's tile. */
export function validWorldTiles(min: i32, max: i32): bool {
  return min >= TILE_MIN && max <= TILE_MAX && min <= -1 && max >= 0;
}

/** Sets the bounds (checked by the caller with validWorldTiles). */
export function setBounds(min: i32, max: i32): void {
  minTile = min;
  maxTile = max;
  minPosition = <f64>min;
  maxPosition = <f64>(max + 1);
}

export function worldMinTile(): i32 {
  return minTile;
}

export function worldMaxTile(): i32 {
  return maxTile;
}

// @ts-ignore: decorator
@inline
export function worldMinPosition(): f64 {
  return minPosition;
}

// @ts-ignore: decorator
@inline
export function worldMaxPosition(): f64 {
  return maxPosition;
}
