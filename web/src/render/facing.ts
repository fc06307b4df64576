/** Below this speed (m/s) a body keeps its last facing: a stop should not spin it back to north. */
const FACING_MIN_SPEED = 0.3;

/** The yaw (rad, three's y axis) a body moving at (vx, vy) on the ground faces: along its motion, else `previous`. */
export function facingYaw(vx: number, vy: number, previous: number): number {
  return vx * vx + vy * vy > FACING_MIN_SPEED * FACING_MIN_SPEED ? Math.atan2(-vx, vy) : previous;
}
