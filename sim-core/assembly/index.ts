// The wasm exports: the one implementation of the simulation. WasmMovementSim (sim-core/src/wasm-sim.ts) is the
// typed facade over these functions. Slots outside [0, CAPACITY) and tiles outside the world are ignored here (the
// facade rejects them first).

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
import { boxOverlapsTile } from "./collision";
import { blockingTileCount, clearAllTiles, foldTiles, putTile, tileAt } from "./tiles";

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

/** The world step: advances every body with a queued input by one fixed step and clears the queue. */
export function step(): void {
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    const input = loadU8(INPUT_PTR, slot);
    if (input == 0) continue;
    storeU8(INPUT_PTR, slot, 0);
    stepEntity(slot, <i32>input & C.INPUT_MASK);
  }
  // Projectiles advance here, once per world step (see layout.ts).
}

/**
 * One body's own step: if `slot` has a queued input, advances that body alone by one fixed step and clears its
 * input. Nothing else moves (no other body, nothing autonomous): this is a catching-up body's extra step.
 */
export function stepBody(slot: i32): void {
  if (!inRange(slot)) return;
  const input = loadU8(INPUT_PTR, slot);
  if (input == 0) return;
  storeU8(INPUT_PTR, slot, 0);
  stepEntity(slot, <i32>input & C.INPUT_MASK);
}

/** Sets tile (tx, ty) to `kind`; returns 0 (and changes nothing) outside the world or for an unknown kind. */
export function setTile(tx: i32, ty: i32, kind: i32): bool {
  return putTile(tx, ty, kind);
}

/** The kind of tile (tx, ty); TILE_EMPTY outside the world. */
export function getTile(tx: i32, ty: i32): i32 {
  return tileAt(tx, ty);
}

/** Empties every tile. Bodies are untouched. */
export function clearTiles(): void {
  clearAllTiles();
}

/** How many tiles block bodies. */
export function blockingTiles(): i32 {
  return blockingTileCount();
}

/** True if some active body's box overlaps tile (tx, ty) (touching a face does not count). */
export function isTileOccupied(tx: i32, ty: i32): bool {
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    if (boxOverlapsTile(loadF64(X_PTR, slot), loadF64(Y_PTR, slot), C.BODY_RADIUS, tx, ty)) return true;
  }
  return false;
}

/** FNV-1a over the non-empty tiles only (tx, ty as u32, kind as a byte, row-major): the static world's hash. */
export function tilesHash(): u32 {
  return foldTiles(FNV_OFFSET);
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

/**
 * FNV-1a over (slot u32, x, y, vx, vy as raw f64 bits) of every active slot in slot order, all little-endian,
 * then over the non-empty tiles as in tilesHash(). Without tiles it is the bodies' hash alone.
 */
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
  return foldTiles(hash);
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
export function bodyRadius(): f64 {
  return C.BODY_RADIUS;
}
export function tileMin(): i32 {
  return C.TILE_MIN;
}
export function tileMax(): i32 {
  return C.TILE_MAX;
}
export function tileKindCount(): i32 {
  return C.TILE_KIND_COUNT;
}
export function blockingKinds(): i32 {
  return C.BLOCKING_KINDS;
}
