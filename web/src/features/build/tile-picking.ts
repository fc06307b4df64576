import type * as THREE from "three";
import { isTileCoordinate } from "@edgehold/protocol";
import { pickGroundPoint } from "../../render/ground-picking.ts";
import type { Tile } from "./build-mode.ts";

/**
 * The ground tile under a point of the screen (`ndcX`, `ndcY` and `camera` as pickGroundPoint's): tile (tx, ty)
 * covers [tx, tx+1) × [ty, ty+1). Undefined when the ray misses the ground or the tile lies beyond what the `build`
 * channel carries (the largest world); a tile outside this room's smaller world is picked, and the build rules
 * refuse it (`out_of_bounds`, which the ghost shows).
 */
export function pickGroundTile(ndcX: number, ndcY: number, camera: THREE.Camera): Tile | undefined {
  const point = pickGroundPoint(ndcX, ndcY, camera);
  if (!point) return undefined;
  // `+ 0` turns -0 (the floor of a tiny negative zero) into 0: msgpack would send -0 as a float.
  const tx = Math.floor(point.x) + 0;
  const ty = Math.floor(point.y) + 0;
  return isTileCoordinate(tx) && isTileCoordinate(ty) ? { tx, ty } : undefined;
}
