import {
  ACCEL_PER_STEP,
  DIAGONAL,
  DT,
  FRICTION_PER_STEP,
  InputBit,
  MAX_SPEED,
  MAX_SPEED_SQ,
  REST_SPEED,
  WORLD_HALF_EXTENT,
} from "./constants.ts";
import { snapToGrid } from "./grid.ts";

/** Struct-of-arrays entity state, indexed by slot. Every value lies on the 1/256 grid. */
export interface MovementState {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
}

/**
 * One fixed step of one entity: the whole of the movement rules. sim-core/assembly/movement.ts is the same function
 * for the wasm build, operation for operation, so that both produce identical bits: keep the two in step, and keep
 * every expression in the same order (f64 add/mul/div/sqrt/floor are exact in both; nothing else is used).
 */
export function stepEntity(state: MovementState, slot: number, bits: number): void {
  // Direction: opposite keys cancel; a diagonal is scaled to unit length.
  let ax = 0;
  let ay = 0;
  if (bits & InputBit.right) ax += 1;
  if (bits & InputBit.left) ax -= 1;
  if (bits & InputBit.up) ay += 1;
  if (bits & InputBit.down) ay -= 1;
  if (ax !== 0 && ay !== 0) {
    ax *= DIAGONAL;
    ay *= DIAGONAL;
  }

  // Friction on the old velocity, then acceleration, then rest, then the speed cap.
  let vx = state.vx[slot]!;
  let vy = state.vy[slot]!;
  vx -= vx * FRICTION_PER_STEP;
  vy -= vy * FRICTION_PER_STEP;
  vx += ax * ACCEL_PER_STEP;
  vy += ay * ACCEL_PER_STEP;
  if (Math.abs(vx) < REST_SPEED) vx = 0;
  if (Math.abs(vy) < REST_SPEED) vy = 0;
  const speedSq = vx * vx + vy * vy;
  if (speedSq > MAX_SPEED_SQ) {
    const scale = MAX_SPEED / Math.sqrt(speedSq);
    vx *= scale;
    vy *= scale;
  }

  // Integrate, then stop at the walls.
  let x = state.x[slot]! + vx * DT;
  let y = state.y[slot]! + vy * DT;
  if (x > WORLD_HALF_EXTENT) {
    x = WORLD_HALF_EXTENT;
    vx = 0;
  } else if (x < -WORLD_HALF_EXTENT) {
    x = -WORLD_HALF_EXTENT;
    vx = 0;
  }
  if (y > WORLD_HALF_EXTENT) {
    y = WORLD_HALF_EXTENT;
    vy = 0;
  } else if (y < -WORLD_HALF_EXTENT) {
    y = -WORLD_HALF_EXTENT;
    vy = 0;
  }

  state.x[slot] = snapToGrid(x);
  state.y[slot] = snapToGrid(y);
  state.vx[slot] = snapToGrid(vx);
  state.vy[slot] = snapToGrid(vy);
}
