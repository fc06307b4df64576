import * as THREE from "three";

const origin = new THREE.Vector3();
const direction = new THREE.Vector3();

/**
 * The ground point (m; x east, y north) under a point of the screen in normalized device coordinates, seen through
 * `camera`; undefined when the ray misses the ground. (The scene draws ground point (x, y) at (x, 0, -y).)
 */
export function pickGroundPoint(ndcX: number, ndcY: number, camera: THREE.Camera): { x: number; y: number } | undefined {
  origin.setFromMatrixPosition(camera.matrixWorld);
  direction.set(ndcX, ndcY, 0.5).unproject(camera).sub(origin);
  if (!(direction.y < 0)) return undefined;
  const t = -origin.y / direction.y;
  return { x: origin.x + direction.x * t, y: -(origin.z + direction.z * t) };
}

/**
 * Below this distance (m) between the body and the reticle the direction is noise (the pointer on the avatar
 * itself): the last good aim is kept.
 */
const MIN_AIM_DISTANCE = 0.05;

/**
 * The aim of a shot: the unit vector from the own body to the reticle, or `fallback` when the reticle sits on the
 * body. Rounded to 1/1024 (msgpack sends 32-bit floats of it just as well; the sim normalises it again), so the same
 * aim reaches the room and the predicting sim.
 */
export function aimVector(from: { x: number; y: number }, to: { x: number; y: number }, fallback: { x: number; y: number }): { x: number; y: number } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (!(length >= MIN_AIM_DISTANCE)) return fallback;
  return { x: Math.round((dx / length) * 1024) / 1024, y: Math.round((dy / length) * 1024) / 1024 };
}
