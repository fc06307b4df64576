// One fixed step of one body: the whole of the movement rules. Only f64 add/mul/div/sqrt/floor/ceil are used, all
// exact IEEE operations in every wasm host, so Node, workerd and Chromium produce identical bits (the golden
// hashes in sim-core/test/golden.ts prove it).

import {
  ACCEL_PER_STEP,
  BODY_RADIUS,
  DIAGONAL,
  DT,
  FRICTION_PER_STEP,
  INPUT_DOWN,
  INPUT_LEFT,
  INPUT_RIGHT,
  INPUT_MASK,
  INPUT_UP,
  MAX_SPEED,
  MAX_SPEED_SQ,
  REST_SPEED,
} from "./constants";
import { worldMaxPosition, worldMinPosition } from "./bounds";
import { sweepX, sweepY } from "./collision";
import { snapToGrid } from "./grid";
import { VX_PTR, VY_PTR, X_PTR, Y_PTR, loadF64, storeF64 } from "./layout";
import { blockingTileCount } from "./tiles";

/**
 * The velocity a step's input adds, ax × ACCEL_PER_STEP and ay × ACCEL_PER_STEP, for each of the 16 inputs: x at
 * [bits], y at [16 + bits]. Filled once when the module starts, by the same arithmetic a step would do, so a
 * lookup gives the same bits and the step has no branches on the input.
 */
const INPUT_ACCEL_PTR: usize = memory.data(2 * (INPUT_MASK + 1) * 8, 16);

function fillInputAccel(): void {
  for (let bits = 0; bits <= INPUT_MASK; bits++) {
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
    store<f64>(INPUT_ACCEL_PTR + (<usize>bits << 3), ax * ACCEL_PER_STEP);
    store<f64>(INPUT_ACCEL_PTR + (<usize>(INPUT_MASK + 1 + bits) << 3), ay * ACCEL_PER_STEP);
  }
}
fillInputAccel();

/** One body's step; `bits` is the input, already masked to INPUT_MASK. */
export function stepEntity(slot: i32, bits: i32): void {
  // Friction on the old velocity, then acceleration, then rest, then the speed cap.
  let vx = loadF64(VX_PTR, slot);
  let vy = loadF64(VY_PTR, slot);
  vx -= vx * FRICTION_PER_STEP;
  vy -= vy * FRICTION_PER_STEP;
  vx += load<f64>(INPUT_ACCEL_PTR + (<usize>bits << 3));
  vy += load<f64>(INPUT_ACCEL_PTR + (<usize>(INPUT_MASK + 1 + bits) << 3));
  if (Math.abs(vx) < REST_SPEED) vx = 0.0;
  if (Math.abs(vy) < REST_SPEED) vy = 0.0;
  const speedSq = vx * vx + vy * vy;
  if (speedSq > MAX_SPEED_SQ) {
    const scale = MAX_SPEED / Math.sqrt(speedSq);
    vx *= scale;
    vy *= scale;
  }

  // Integrate, then stop at the world's edge, then at blocking tiles (see collision.ts): x first, then y.
  const x0 = loadF64(X_PTR, slot);
  const y0 = loadF64(Y_PTR, slot);
  let x = x0 + vx * DT;
  let y = y0 + vy * DT;
  const maxPosition = worldMaxPosition();
  const minPosition = worldMinPosition();
  if (x > maxPosition) {
    x = maxPosition;
    vx = 0.0;
  } else if (x < minPosition) {
    x = minPosition;
    vx = 0.0;
  }
  if (y > maxPosition) {
    y = maxPosition;
    vy = 0.0;
  } else if (y < minPosition) {
    y = minPosition;
    vy = 0.0;
  }
  x = snapToGrid(x);
  y = snapToGrid(y);
  if (blockingTileCount() != 0) {
    const sweptX = sweepX(x0, y0, BODY_RADIUS, x);
    if (sweptX != x) {
      x = sweptX;
      vx = 0.0;
    }
    const sweptY = sweepY(x, y0, BODY_RADIUS, y);
    if (sweptY != y) {
      y = sweptY;
      vy = 0.0;
    }
  }

  storeF64(X_PTR, slot, x);
  storeF64(Y_PTR, slot, y);
  storeF64(VX_PTR, slot, snapToGrid(vx));
  storeF64(VY_PTR, slot, snapToGrid(vy));
}
