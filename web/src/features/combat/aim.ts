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
