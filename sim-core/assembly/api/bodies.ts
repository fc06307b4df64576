// Bodies: slots, their kinematic state (x, y, vx, vy on the 1/256 grid) and their queued inputs.

import * as C from "../constants";
import * as combat from "../combat";
import { sanitizePosition, sanitizeVelocity } from "../grid";
import { resetHistory } from "../history";
import {
  ACTIVE_PTR,
  INPUT_PTR,
  INPUT_QUEUED,
  VX_PTR,
  VY_PTR,
  X_PTR,
  Y_PTR,
  getSlotEnd,
  loadF64,
  loadU8,
  noteSlotUsed,
  slotInRange,
  storeF64,
  storeU8,
} from "../layout";
import * as projectiles from "../projectiles";

function writeState(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  storeF64(X_PTR, slot, sanitizePosition(x));
  storeF64(Y_PTR, slot, sanitizePosition(y));
  storeF64(VX_PTR, slot, sanitizeVelocity(vx));
  storeF64(VY_PTR, slot, sanitizeVelocity(vy));
}

export function capacity(): i32 {
  return C.CAPACITY;
}

/**
 * Activates a slot (overwriting whatever was there) with a clamped, grid-snapped state, no queued input, the
 * combat state of a fresh body (no weapon, alive, full stamina) and its position history all at the new place.
 */
export function spawn(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  if (!slotInRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 1);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, x, y, vx, vy);
  combat.resetCombat(slot);
  noteSlotUsed(slot);
}

/** Frees a slot, dropping its queued input, zeroing its state and expiring the projectiles it fired. */
export function despawn(slot: i32): void {
  if (!slotInRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 0);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, 0.0, 0.0, 0.0, 0.0);
  combat.resetCombat(slot);
  projectiles.expireProjectilesOf(slot);
}

export function isActive(slot: i32): bool {
  return slotInRange(slot) && loadU8(ACTIVE_PTR, slot) != 0;
}

/**
 * Overwrites an active entity's state (clamped, grid-snapped) and resets its position history to the new place;
 * keeps its queued input and combat state. Inactive: no-op.
 */
export function setState(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  if (!isActive(slot)) return;
  writeState(slot, x, y, vx, vy);
  resetHistory(slot);
}

/**
 * Queues the input for the next step (a later call before step() replaces it), with its aim (read only with the
 * fire bit). Inactive: no-op.
 */
export function setInput(slot: i32, bits: i32, aimX: f64, aimY: f64): void {
  if (!isActive(slot)) return;
  storeU8(INPUT_PTR, slot, INPUT_QUEUED | <u8>(bits & C.INPUT_MASK));
  if ((bits & C.INPUT_FIRE) != 0) combat.setAim(slot, aimX, aimY);
}

/**
 * One body's own step: if `slot` has a queued input, advances that body alone by one fixed step and clears its
 * input. Nothing else moves (no other body, nothing autonomous): this is a catching-up body's extra step.
 */
export function stepBody(slot: i32): void {
  if (!slotInRange(slot)) return;
  const input = loadU8(INPUT_PTR, slot);
  if (input == 0) return;
  storeU8(INPUT_PTR, slot, 0);
  combat.stepBodyWithInput(slot, <i32>input & C.INPUT_MASK);
}

export function getX(slot: i32): f64 {
  return slotInRange(slot) ? loadF64(X_PTR, slot) : 0.0;
}

export function getY(slot: i32): f64 {
  return slotInRange(slot) ? loadF64(Y_PTR, slot) : 0.0;
}

export function getVX(slot: i32): f64 {
  return slotInRange(slot) ? loadF64(VX_PTR, slot) : 0.0;
}

export function getVY(slot: i32): f64 {
  return slotInRange(slot) ? loadF64(VY_PTR, slot) : 0.0;
}

/** One past the highest slot ever spawned: a bulk reader scans [0, bodyEnd) as step() does. */
export function bodyEnd(): i32 {
  return getSlotEnd();
}

// Where the state arrays lie in the exported memory, for typed-array views (immutable globals): x, y, vx, vy are
// f64 × CAPACITY, active is u8 × CAPACITY.
export { X_PTR as bodyXPtr, Y_PTR as bodyYPtr, VX_PTR as bodyVXPtr, VY_PTR as bodyVYPtr, ACTIVE_PTR as bodyActivePtr } from "../layout";
