// The wasm exports: the one implementation of the simulation. WasmMovementSim (sim-core/src/wasm-sim.ts) is the
// typed facade over these functions. Slots outside [0, CAPACITY) and tiles outside the world are ignored here (the
// facade rejects them first).

import * as C from "./constants";
import { sanitizePosition, sanitizeVelocity } from "./grid";
import { FNV_OFFSET, fnvByte, fnvF64, fnvU32 } from "./hash";
import {
  ACTIVE_PTR,
  ALIVE_PTR,
  PROTECTED_PTR,
  COOLDOWN_PTR,
  HP_PTR,
  INPUT_PTR,
  MAX_HP_PTR,
  P_ACTIVE_PTR,
  P_OWNER_PTR,
  P_REWIND_PTR,
  P_STEPS_LEFT_PTR,
  P_VX_PTR,
  P_VY_PTR,
  P_WEAPON_PTR,
  P_X_PTR,
  P_Y_PTR,
  REWIND_PTR,
  STAMINA_PTR,
  WEAPON_PTR,
  INPUT_QUEUED,
  VX_PTR,
  VY_PTR,
  X_PTR,
  Y_PTR,
  getSlotEnd,
  loadF64,
  loadI32,
  loadU8,
  noteSlotUsed,
  storeF64,
  storeU8,
} from "./layout";
import { boxOverlapsTile } from "./collision";
import * as combat from "./combat";
import * as events from "./events";
import { recordHistory, resetHistory } from "./history";
import { nextU32, prngState, seedPrng } from "./prng";
import * as projectiles from "./projectiles";
import { blockingTileCount, clearAllTiles, foldTiles, putTile, tileAt, tileHpAt } from "./tiles";
import { STAT_COUNT, WEAPON_COUNT, WEAPON_NONE, weaponStat as readWeaponStat } from "./weapons";

// Re-exported for the facade's checks and reads; see each module.
export { eventCount, eventWord, clearEvents, droppedEvents } from "./events";

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

/**
 * Activates a slot (overwriting whatever was there) with a clamped, grid-snapped state, no queued input, the
 * combat state of a fresh body (no weapon, alive, full stamina) and its position history all at the new place.
 */
export function spawn(slot: i32, x: f64, y: f64, vx: f64, vy: f64): void {
  if (!inRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 1);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, x, y, vx, vy);
  combat.resetCombat(slot);
  noteSlotUsed(slot);
}

/** Frees a slot, dropping its queued input, zeroing its state and expiring the projectiles it fired. */
export function despawn(slot: i32): void {
  if (!inRange(slot)) return;
  storeU8(ACTIVE_PTR, slot, 0);
  storeU8(INPUT_PTR, slot, 0);
  writeState(slot, 0.0, 0.0, 0.0, 0.0);
  combat.resetCombat(slot);
  projectiles.expireProjectilesOf(slot);
}

export function isActive(slot: i32): bool {
  return inRange(slot) && loadU8(ACTIVE_PTR, slot) != 0;
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
 * The world step: first records where the bodies are for lag compensation (history.ts) — the state the last
 * snapshot showed, a catching-up body's extra step (stepBody) included — then advances every body with a queued
 * input by one fixed step (combat.ts) and clears the queue, then every projectile (projectiles.ts).
 */
export function step(): void {
  const end = getSlotEnd();
  recordHistory(end);
  for (let slot = 0; slot < end; slot++) {
    const input = loadU8(INPUT_PTR, slot);
    if (input == 0) continue;
    storeU8(INPUT_PTR, slot, 0);
    combat.stepBodyWithInput(slot, <i32>input & C.INPUT_MASK);
  }
  projectiles.advanceProjectiles();
}

/** Advances the projectiles alone by one step (the page's predicted steps); bodies and history stay as they are. */
export function stepProjectiles(): void {
  projectiles.advanceProjectiles();
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
  combat.stepBodyWithInput(slot, <i32>input & C.INPUT_MASK);
}

/**
 * Sets tile (tx, ty) to `kind` with `hp` hit points (≤ 0: the kind's default); returns 0 (and changes nothing)
 * outside the world or for an unknown kind.
 */
export function setTile(tx: i32, ty: i32, kind: i32, hp: i32): bool {
  return putTile(tx, ty, kind, hp);
}

/** The hit points of tile (tx, ty): 0 for an empty or floor tile or one outside the world. */
export function tileHp(tx: i32, ty: i32): i32 {
  return tileHpAt(tx, ty);
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

/**
 * True if some active body's box, grown by `margin` m on every side, overlaps tile (tx, ty) (touching a face does not
 * count). The room refuses to build a blocking tile that close to anyone (margin 0.25 m).
 */
export function isTileOccupied(tx: i32, ty: i32, margin: f64): bool {
  const end = getSlotEnd();
  const half = C.BODY_RADIUS + margin;
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    if (boxOverlapsTile(loadF64(X_PTR, slot), loadF64(Y_PTR, slot), half, tx, ty)) return true;
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
 * FNV-1a over (slot u32, x, y, vx, vy as raw f64 bits) of every active slot in slot order, all little-endian, each
 * followed, when its combat state is not a fresh body's, by the byte 0xC0, weapon, alive and rewind bytes, hp, maxHp
 * and cooldown (u32) and stamina (f64), and while it is spawn-protected by the byte 0xC1; then over each projectile in flight (slot u32, x, y, vx, vy, steps left as
 * f64, owner u32, weapon and rewind bytes); then, once the PRNG has left its initial state, the byte 0xD0 and that
 * state (u32); then over the non-empty tiles as in tilesHash(). A world that never used combat hashes as it did
 * before combat existed; without tiles it is the bodies' hash alone.
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
    if (!combat.hasDefaultCombat(slot)) {
      hash = fnvByte(hash, 0xc0);
      hash = fnvByte(hash, loadU8(WEAPON_PTR, slot));
      hash = fnvByte(hash, loadU8(ALIVE_PTR, slot));
      hash = fnvByte(hash, loadU8(REWIND_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(HP_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(MAX_HP_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(COOLDOWN_PTR, slot));
      hash = fnvF64(hash, loadF64(STAMINA_PTR, slot));
    }
    if (loadU8(PROTECTED_PTR, slot) != 0) hash = fnvByte(hash, 0xc1);
  }
  const projectileEnd = projectiles.getProjectileEnd();
  for (let p = 0; p < projectileEnd; p++) {
    if (loadU8(P_ACTIVE_PTR, p) == 0) continue;
    hash = fnvU32(hash, <u32>p);
    hash = fnvF64(hash, loadF64(P_X_PTR, p));
    hash = fnvF64(hash, loadF64(P_Y_PTR, p));
    hash = fnvF64(hash, loadF64(P_VX_PTR, p));
    hash = fnvF64(hash, loadF64(P_VY_PTR, p));
    hash = fnvF64(hash, loadF64(P_STEPS_LEFT_PTR, p));
    hash = fnvU32(hash, <u32>loadI32(P_OWNER_PTR, p));
    hash = fnvByte(hash, loadU8(P_WEAPON_PTR, p));
    hash = fnvByte(hash, loadU8(P_REWIND_PTR, p));
  }
  if (prngState() != 0) {
    hash = fnvByte(hash, 0xd0);
    hash = fnvU32(hash, prngState());
  }
  return foldTiles(hash);
}

// Combat (combat.ts). Slots outside the pool are ignored; reads give 0.
export function setCombat(slot: i32, weapon: i32, maxHp: i32): void {
  if (isActive(slot)) combat.setCombat(slot, weapon, maxHp);
}
export function getWeapon(slot: i32): i32 {
  return inRange(slot) ? <i32>loadU8(WEAPON_PTR, slot) : WEAPON_NONE;
}
export function getHp(slot: i32): i32 {
  return inRange(slot) ? loadI32(HP_PTR, slot) : 0;
}
export function setHp(slot: i32, hp: i32): void {
  if (isActive(slot)) combat.setHp(slot, hp);
}
export function getMaxHp(slot: i32): i32 {
  return inRange(slot) ? loadI32(MAX_HP_PTR, slot) : 0;
}
export function isAlive(slot: i32): bool {
  return isActive(slot) && loadU8(ALIVE_PTR, slot) != 0;
}
export function setAlive(slot: i32, alive: bool): void {
  if (isActive(slot)) storeU8(ALIVE_PTR, slot, alive ? 1 : 0);
}
export function isSpawnProtected(slot: i32): bool {
  return isActive(slot) && loadU8(PROTECTED_PTR, slot) != 0;
}
export function setSpawnProtected(slot: i32, on: bool): void {
  if (isActive(slot)) storeU8(PROTECTED_PTR, slot, on ? 1 : 0);
}
export function getStamina(slot: i32): f64 {
  return inRange(slot) ? loadF64(STAMINA_PTR, slot) : 0.0;
}
export function setStamina(slot: i32, stamina: f64): void {
  if (isActive(slot)) combat.setStamina(slot, stamina);
}
export function getCooldown(slot: i32): i32 {
  return inRange(slot) ? loadI32(COOLDOWN_PTR, slot) : 0;
}
export function setCooldown(slot: i32, steps: i32): void {
  if (isActive(slot)) combat.setCooldown(slot, steps);
}
export function getRewind(slot: i32): i32 {
  return inRange(slot) ? <i32>loadU8(REWIND_PTR, slot) : 0;
}
export function setRewind(slot: i32, steps: i32): void {
  if (isActive(slot)) combat.setRewind(slot, steps);
}
export function setSpawnProjectiles(enabled: bool): void {
  combat.setSpawnEnabled(enabled);
}
export function setSeed(seed: u32): void {
  seedPrng(seed);
}
export function getSeedState(): u32 {
  return prngState();
}
/**
 * Draws from the PRNG, as a crit roll does; the next crit roll uses the draw after it. wasm-sim.test.ts checks the
 * draws equal src/prng.ts's mulberry32 (the copy hosts use to predict crits).
 */
export function drawRandom(): u32 {
  return nextU32();
}

// Projectiles (projectiles.ts).
export function projectileEnd(): i32 {
  return projectiles.getProjectileEnd();
}
export function isProjectileActive(p: i32): bool {
  return projectiles.isProjectileActive(p);
}
export function projectileX(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_X_PTR, p) : 0.0;
}
export function projectileY(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_Y_PTR, p) : 0.0;
}
export function projectileVX(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_VX_PTR, p) : 0.0;
}
export function projectileVY(p: i32): f64 {
  return projectiles.isProjectileActive(p) ? loadF64(P_VY_PTR, p) : 0.0;
}
export function projectileOwner(p: i32): i32 {
  return projectiles.isProjectileActive(p) ? loadI32(P_OWNER_PTR, p) : -1;
}
export function projectileWeapon(p: i32): i32 {
  return projectiles.isProjectileActive(p) ? <i32>loadU8(P_WEAPON_PTR, p) : -1;
}
export function lostShots(): i32 {
  return projectiles.getLostShots();
}

// The weapons table (weapons.ts), read by the facade and checked against its TypeScript mirror.
export function weaponCount(): i32 {
  return WEAPON_COUNT;
}
export function weaponStatCount(): i32 {
  return STAT_COUNT;
}
export function weaponStat(weapon: i32, field: i32): f64 {
  if (<u32>weapon >= <u32>WEAPON_COUNT || <u32>field >= <u32>STAT_COUNT) return 0.0;
  return readWeaponStat(weapon, field);
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
export function inputMask(): i32 {
  return C.INPUT_MASK;
}
export function maxStamina(): f64 {
  return C.MAX_STAMINA;
}
export function staminaRegenPerStep(): f64 {
  return C.STAMINA_REGEN_PER_STEP;
}
export function maxRewindSteps(): i32 {
  return C.MAX_REWIND_STEPS;
}
export function projectileCapacity(): i32 {
  return C.PROJECTILE_CAPACITY;
}
export function eventCapacity(): i32 {
  return C.EVENT_CAPACITY;
}
export function tileHpWall(): i32 {
  return C.TILE_HP_WALL;
}
export function tileHpCrate(): i32 {
  return C.TILE_HP_CRATE;
}
