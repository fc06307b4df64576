// The wasm exports. Mirrors ReferenceMovementSim (sim-core/src/reference-sim.ts); WasmMovementSim is the typed
// facade over these functions. Slots outside [0, CAPACITY) are ignored here (the facade rejects them first).

import * as C from "./constants";
import { sanitizePosition, sanitizeVelocity } from "./grid";
import { FNV_OFFSET, fnvF64, fnvU32 } from "./hash";
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
  storeF64,
  storeU8,
} from "./layout";
import { stepEntity } from "./movement";

function inRange(slot: i32): bool {
  return <u32>slot < <u32>C.CAPACITY;
}

function writeState(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  storeF64(X_PTR, slot, sanitizePosition(x));
  storeF64(Y_PTR, slot, sanitizePosition(y));
  storeF64(VX_PTR, slot, sanitizeVelocity(vx));
  storeF64(VY_PTR, slot, sanitizeVelocity(vy));
}

export function capacity(): i32 {
  return C.CAPACITY;
}

/** Activates a slot (overwriting whatever was there) with a clamped, grid-snapped state and no queued input. */
export function spawn(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  if (!inRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 1);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, x, y, vx, vy);
  noteSlotUsed(slot);
}

/** Frees a slot, dropping its queued input and zeroing its state. */
export function despawn(slot: i32): void {
  if (!inRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 0);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, 0.0, 0.0, 0.0, 0.0);
}

export function isActive(slot: i32): bool {
  return inRange(slot) && loadU8(ACTIVE_PTR, slot) != 0;
}

/** Overwrites an active entity's state (clamped, grid-snapped); keeps its queued input. Inactive: no-op. */
export function setState(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  if (!isActive(slot)) return;
  writeState(slot, x, y, vx, vy);
}

/** Queues the input for the next step (a later call before step() replaces it). Inactive: no-op. */
export function setInput(slot: i32, bits: i32): void {
  if (!isActive(slot)) return;
  storeU8(INPUT_PTR, slot, INPUT_QUEUED | <u8>(bits & C.INPUT_MASK));
}

/** Advances every entity with a queued input by one fixed step and clears the queue. */
export function step(): void {
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    const input = loadU8(INPUT_PTR, slot);
    if (input == 0) continue;
    storeU8(INPUT_PTR, slot, 0);
    stepEntity(slot, <i32>input & C.INPUT_MASK);
  }
}

export function getX(slot: i32): f64 {
  return inRange(slot) ? loadF64(X_PTR, slot) : 0.0;
}

export function getY(slot: i32): f64 {
  return inRange(slot) ? loadF64(Y_PTR, slot) : 0.0;
}

export function getVX(slot: i32): f64 {
  return inRange(slot) ? loadF64(VX_PTR, slot) : 0.0;
}

export function getVY(slot: i32): f64 {
  return inRange(slot) ? loadF64(VY_PTR, slot) : 0.0;
}

/** FNV-1a over (slot u32, x, y, vx, vy as raw f64 bits) of every active slot in slot order, all little-endian. */
export function stateHash(): u32 {
  let hash = FNV_OFFSET;
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    hash = fnvU32(hash, <u32>slot);
    hash = fnvF64(hash, loadF64(X_PTR, slot));
    hash = fnvF64(hash, loadF64(Y_PTR, slot));
    hash = fnvF64(hash, loadF64(VX_PTR, slot));
    hash = fnvF64(hash, loadF64(VY_PTR, slot));
  }
  return hash;
}

// The tuning constants, so a host can refuse a .wasm built from different numbers than its TypeScript.
export function tickRate(): i32 {
  return C.TICK_RATE;
}
export function dt(): f64 {
  return C.DT;
}
export function accel(): f64 {
  return C.ACCEL;
}
export function friction(): f64 {
  return C.FRICTION;
}
export function maxSpeed(): f64 {
  return C.MAX_SPEED;
}
export function worldHalfExtent(): f64 {
  return C.WORLD_HALF_EXTENT;
}
export function wireUnitsPerMetre(): f64 {
  return C.WIRE_UNITS_PER_METRE;
}
export function restSpeed(): f64 {
  return C.REST_SPEED;
}
export function diagonal(): f64 {
  return C.DIAGONAL;
}
