// Lag compensation: where every body was before each of the last HISTORY_STEPS world steps. step() records its row
// first, before it moves anything: the state as the last snapshot showed it, which includes a catching-up body's
// extra step (stepBody, between world steps) — a row taken at the end of the step would miss that step. A
// projectile fired with rewind k tests bodies at the row of k steps ago (k = 0: where they are now). spawn and
// setState overwrite a body's whole history with its new position, so a teleported body is never hit where it
// used to be.

import { CAPACITY } from "./constants";
import { HISTORY_STEPS, HISTORY_X_PTR, HISTORY_Y_PTR, X_PTR, Y_PTR, loadF64, storeF64 } from "./layout";

/** The row the next recordHistory() writes; the row before it holds the positions of 1 step ago, and so on. */
let nextRow: i32 = 0;

const ROW_BYTES: usize = <usize>CAPACITY << 3;

/** Copies slots [0, end) of the current positions into this step's row. */
export function recordHistory(end: i32): void {
  const row = <usize>nextRow * ROW_BYTES;
  const bytes = <usize>end << 3;
  memory.copy(HISTORY_X_PTR + row, X_PTR, bytes);
  memory.copy(HISTORY_Y_PTR + row, Y_PTR, bytes);
  nextRow = nextRow + 1 < HISTORY_STEPS ? nextRow + 1 : 0;
}

/** Sets every row of `slot` to its current position. */
export function resetHistory(slot: i32): void {
  const x = loadF64(X_PTR, slot);
  const y = loadF64(Y_PTR, slot);
  for (let k = 0; k < HISTORY_STEPS; k++) {
    storeF64(HISTORY_X_PTR + <usize>k * ROW_BYTES, slot, x);
    storeF64(HISTORY_Y_PTR + <usize>k * ROW_BYTES, slot, y);
  }
}

/** The base pointer of the x positions `stepsAgo` (0..MAX_REWIND_STEPS) world steps ago, indexed by slot. */
export function historyX(stepsAgo: i32): usize {
  if (stepsAgo == 0) return X_PTR;
  return HISTORY_X_PTR + rowOf(stepsAgo);
}

export function historyY(stepsAgo: i32): usize {
  if (stepsAgo == 0) return Y_PTR;
  return HISTORY_Y_PTR + rowOf(stepsAgo);
}

/** 1 ≤ stepsAgo ≤ MAX_REWIND_STEPS = HISTORY_STEPS - 1, so the row is nextRow - stepsAgo, wrapped once. */
function rowOf(stepsAgo: i32): usize {
  const row = nextRow - stepsAgo;
  return <usize>(row >= 0 ? row : row + HISTORY_STEPS) * ROW_BYTES;
}
