import { MAX_SPEED, WIRE_UNITS_PER_METRE, WORLD_HALF_EXTENT } from "./constants.ts";

/**
 * Rounds to the sim's grid of 1/256 m (m/s), halves upwards. The sim stores only values on this grid, so what a
 * snapshot carries as int16 units restores the exact state. floor(v·256 + 0.5)/256 is exact IEEE arithmetic in
 * every host; JS Math.round and wasm f64.nearest disagree on halves, so neither is used.
 */
export function snapToGrid(value: number): number {
  return Math.floor(value * WIRE_UNITS_PER_METRE + 0.5) / WIRE_UNITS_PER_METRE;
}

/** NaN becomes 0; anything else is clamped to [-limit, limit], then snapped to the grid. */
function sanitize(value: number, limit: number): number {
  if (value !== value) return 0;
  if (value > limit) return limit;
  if (value < -limit) return -limit;
  return snapToGrid(value);
}

/** A position as spawn/setState store it: inside the world, on the grid. */
export function sanitizePosition(value: number): number {
  return sanitize(value, WORLD_HALF_EXTENT);
}

/** A velocity component as spawn/setState store it: |v| ≤ MAX_SPEED, on the grid. */
export function sanitizeVelocity(value: number): number {
  return sanitize(value, MAX_SPEED);
}
