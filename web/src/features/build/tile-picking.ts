import * as THREE from "three";
import { isTileCoordinate } from "@edgehold/protocol";
import type { Tile } from "./build-mode.ts";

const origin = new THREE.Vector3();
const direction = new THREE.Vector3();

/**
 * The ground tile under a point of the screen: `ndcX`, `ndcY` in normalized device coordinates (-1..1, +y up),
 * seen through `camera` (its world matrix up to date). The scene draws ground point (x, y) at (x, 0, -y), and tile
 * (tx, ty) covers [tx, tx+1) × [ty, ty+1). Undefined when the ray misses the ground or the tile lies outside the
 * world.
 */
export function pickGroundTile(ndcX: number, ndcY: number, camera: THREE.Camera): Tile | undefined {
  origin.setFromMatrixPosition(camera.matrixWorld);
  direction.set(ndcX, ndcY, 0.5).unproject(camera).sub(origin);
  // A ray level with or rising above the ground never meets it.
  if (!(direction.y < 0)) return undefined;
  const t = -origin.y / direction.y;
  const x = origin.x + direction.x * t;
  const y = -(origin.z + direction.z * t);
  // `+ 0` turns -0 (the floor of a tiny negative zero) into 0: msgpack would send -0 as a float.
  const tx = Math.floor(x) + 0;
  const ty = Math.floor(y) + 0;
  return isTileCoordinate(tx) && isTileCoordinate(ty) ? { tx, ty } : undefined;
}

/** A pointer position over `element` in normalized device coordinates. */
export function toNdc(clientX: number, clientY: number, element: Element): { x: number; y: number } {
  const rect = element.getBoundingClientRect();
  return { x: ((clientX - rect.left) / Math.max(1, rect.width)) * 2 - 1, y: -(((clientY - rect.top) / Math.max(1, rect.height)) * 2 - 1) };
}
