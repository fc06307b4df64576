// One fixed step of one entity. Mirrors sim-core/src/movement.ts operation for operation: the two must produce
// identical bits, so every expression is written in the same order in both (no reassociation, no fused ops).

import {
  ACCEL_PER_STEP,
  DIAGONAL,
  DT,
  FRICTION_PER_STEP,
  INPUT_DOWN,
  INPUT_LEFT,
  INPUT_RIGHT,
  INPUT_UP,
  MAX_SPEED,
  MAX_SPEED_SQ,
  REST_SPEED,
  WORLD_HALF_EXTENT,
} from "./constants";
import { snapToGrid } from "./grid";
import { VX_PTR, VY_PTR, X_PTR, Y_PTR, loadF64, storeF64 } from "./layout";

export function stepEntity(slot: i32, bits: i32): void {
  // Direction: opposite keys cancel; a diagonal is scaled to unit length.
  let ax: f64 = 0.0;
  let ay: f64 = 0.0;
  if (bits & INPUT_RIGHT) ax += 1.0;
  if (bits & INPUT_LEFT) ax -= 1.0;
  if (bits & INPUT_UP) ay += 1.0;
  if (bits & INPUT_DOWN) ay -= 1.0;
  if (ax != 0.0 && ay != 0.0) {
    ax *= DIAGONAL;
    ay *= DIAGONAL;
  }

  // Friction on the old velocity, then acceleration, then rest, then the speed cap.
  let vx = loadF64(VX_PTR, slot);
  let vy = loadF64(VY_PTR, slot);
  vx -= vx * FRICTION_PER_STEP;
  vy -= vy * FRICTION_PER_STEP;
  vx += ax * ACCEL_PER_STEP;
  vy += ay * ACCEL_PER_STEP;
  if (Math.abs(vx) < REST_SPEED) vx = 0.0;
  if (Math.abs(vy) < REST_SPEED) vy = 0.0;
  const speedSq = vx * vx + vy * vy;
  if (speedSq > MAX_SPEED_SQ) {
    const scale = MAX_SPEED / Math.sqrt(speedSq);
    vx *= scale;
    vy *= scale;
  }

  // Integrate, then stop at the walls.
  let x = loadF64(X_PTR, slot) + vx * DT;
  let y = loadF64(Y_PTR, slot) + vy * DT;
  if (x > WORLD_HALF_EXTENT) {
    x = WORLD_HALF_EXTENT;
    vx = 0.0;
  } else if (x < -WORLD_HALF_EXTENT) {
    x = -WORLD_HALF_EXTENT;
    vx = 0.0;
  }
  if (y > WORLD_HALF_EXTENT) {
    y = WORLD_HALF_EXTENT;
    vy = 0.0;
  } else if (y < -WORLD_HALF_EXTENT) {
    y = -WORLD_HALF_EXTENT;
    vy = 0.0;
  }

  storeF64(X_PTR, slot, snapToGrid(x));
  storeF64(Y_PTR, slot, snapToGrid(y));
  storeF64(VX_PTR, slot, snapToGrid(vx));
  storeF64(VY_PTR, slot, snapToGrid(vy));
}
