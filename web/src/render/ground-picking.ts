import * as THREE from "three";

const origin = new THREE.Vector3();
const direction = new THREE.Vector3();

/**
 * The ground point (m; x east, y north) under a point of the screen: `ndcX`, `ndcY` in normalized device
 * coordinates (-1..1, +y up), seen through `camera` (its world matrix up to date). The scene draws ground point
 * (x, y) at (x, 0, -y). Undefined when the ray misses the ground.
 */
export function pickGroundPoint(ndcX: number, ndcY: number, camera: THREE.Camera): { x: number; y: number } | undefined {
  origin.setFromMatrixPosition(camera.matrixWorld);
  direction.set(ndcX, ndcY, 0.5).unproject(camera).sub(origin);
  // A ray level with or rising above the ground never meets it.
  if (!(direction.y < 0)) return undefined;
  const t = -origin.y / direction.y;
  return { x: origin.x + direction.x * t, y: -(origin.z + direction.z * t) };
}

/** A pointer position over `element` in normalized device coordinates. */
export function toNdc(clientX: number, clientY: number, element: Element): { x: number; y: number } {
  const rect = element.getBoundingClientRect();
  return { x: ((clientX - rect.left) / Math.max(1, rect.width)) * 2 - 1, y: -(((clientY - rect.top) / Math.max(1, rect.height)) * 2 - 1) };
}
