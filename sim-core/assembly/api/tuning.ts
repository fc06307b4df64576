// The tuning constants and the weapons table, so a host can refuse a .wasm built from different numbers than its
// TypeScript (sim-core/src/wasm-exports.ts compares them at load).

import * as C from "../constants";
import { STAT_COUNT, WEAPON_COUNT, weaponStat as readWeaponStat } from "../weapons";

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
export function defaultTileMin(): i32 {
  return C.DEFAULT_TILE_MIN;
}
export function defaultTileMax(): i32 {
  return C.DEFAULT_TILE_MAX;
}
export function tileKindCount(): i32 {
  return C.TILE_KIND_COUNT;
}
export function blockingKinds(): i32 {
  return C.BLOCKING_KINDS;
}
export function indestructibleKinds(): i32 {
  return C.INDESTRUCTIBLE_KINDS;
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
