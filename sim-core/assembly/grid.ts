// Quantisation to the wire grid: every stored position and velocity lies on it, so int16 wire units restore it.

import { worldMaxPosition, worldMinPosition } from "./bounds";
import { MAX_SPEED, WIRE_UNITS_PER_METRE } from "./constants";

/**
 * Rounds to the nearest 1/256 (halves upwards). floor(v·256 + 0.5)/256 is exact IEEE arithmetic in every host;
 * JS Math.round and wasm f64.nearest disagree on halves, so neither is used.
 */
export function snapToGrid(value: f64): f64 {
  return Math.floor(value * WIRE_UNITS_PER_METRE + 0.5) / WIRE_UNITS_PER_METRE;
}

/** NaN becomes 0; anything else is clamped to [-limit, limit]. Then snapped to the grid. */
export function sanitize(value: f64, limit: f64): f64 {
  if (value != value) return 0.0;
  if (value > limit) return limit;
  if (value < -limit) return -limit;
  return snapToGrid(value);
}

/** NaN becomes 0 (the world always holds the origin); anything else is clamped to the world's bounds, then snapped. */
export function sanitizePosition(value: f64): f64 {
  if (value != value) return 0.0;
  if (value > worldMaxPosition()) return worldMaxPosition();
  if (value < worldMinPosition()) return worldMinPosition();
  return snapToGrid(value);
}

export function sanitizeVelocity(value: f64): f64 {
  return sanitize(value, MAX_SPEED);
}
