// The simulation state: struct-of-arrays in static linear memory, reserved at compile time (memory.data), so the
// module needs no allocator and step() never allocates. Body slots live here, the tile grid in tiles.ts.
//
// Projectiles have a pool of their own (projectiles.ts), PROJECTILE_CAPACITY slots with the same SoA shape. They
// are advanced only by step() (the world step, once per tick, after the bodies) or stepProjectiles(), never by
// stepBody(), so a body's catch-up step cannot move them twice, and are folded into stateHash() after the bodies.

import { CAPACITY, MAX_REWIND_STEPS, PROJECTILE_CAPACITY } from "./constants";

/** Positions (m) and velocities (m/s), one f64 per slot, always on the 1/256 grid. */
export const X_PTR: usize = memory.data(CAPACITY << 3, 16);
export const Y_PTR: usize = memory.data(CAPACITY << 3, 16);
export const VX_PTR: usize = memory.data(CAPACITY << 3, 16);
export const VY_PTR: usize = memory.data(CAPACITY << 3, 16);

/** 1 while a slot holds an entity, else 0. */
export const ACTIVE_PTR: usize = memory.data(CAPACITY, 16);

/** The input queued for the next step: 0 when none, else INPUT_QUEUED | (bits & INPUT_MASK). */
export const INPUT_PTR: usize = memory.data(CAPACITY, 16);

/** The aim of the queued input (any non-zero vector; read only when the input has the fire bit). */
export const AIM_X_PTR: usize = memory.data(CAPACITY << 3, 16);
export const AIM_Y_PTR: usize = memory.data(CAPACITY << 3, 16);

// Combat state of each body (combat.ts). A fresh spawn has WEAPON_NONE, 0 hp of 0, is alive, has full stamina.
/** The weapon (weapons.ts), one byte. */
export const WEAPON_PTR: usize = memory.data(CAPACITY, 16);
/** 1 while alive; a dead body's input is treated as 0 and projectiles pass through it. */
export const ALIVE_PTR: usize = memory.data(CAPACITY, 16);
/**
 * 1 while spawn-protected: projectiles pass through the body and splash spares it, as for a dead one (the host sets
 * it for a few seconds after a spawn and clears it when the body fires). 0 for a fresh body.
 */
export const PROTECTED_PTR: usize = memory.data(CAPACITY, 16);
/** Rewind (0..MAX_REWIND_STEPS world steps) given to the projectiles this body fires, one byte. */
export const REWIND_PTR: usize = memory.data(CAPACITY, 16);
/** Hit points and their maximum, i32 (whole points). */
export const HP_PTR: usize = memory.data(CAPACITY << 2, 16);
export const MAX_HP_PTR: usize = memory.data(CAPACITY << 2, 16);
/** Steps until the weapon can fire again, i32. */
export const COOLDOWN_PTR: usize = memory.data(CAPACITY << 2, 16);
/** Stamina, f64 (a multiple of STAMINA_REGEN_PER_STEP). */
export const STAMINA_PTR: usize = memory.data(CAPACITY << 3, 16);

/**
 * Lag-compensation history (history.ts): the bodies' x and y before each of the last HISTORY_STEPS world steps
 * (after the one before it and any catch-up steps), one CAPACITY-long row per step, used as a ring.
 */
export const HISTORY_STEPS: i32 = MAX_REWIND_STEPS + 1;
export const HISTORY_X_PTR: usize = memory.data((HISTORY_STEPS * CAPACITY) << 3, 16);
export const HISTORY_Y_PTR: usize = memory.data((HISTORY_STEPS * CAPACITY) << 3, 16);

// The projectile pool (projectiles.ts), indexed by projectile slot.
/** Position (m), and the displacement of one step (velocity × DT). */
export const P_X_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
export const P_Y_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
export const P_DX_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
export const P_DY_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
/** Velocity (m/s) on the 1/256 grid, as reported to hosts. */
export const P_VX_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
export const P_VY_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
/** Steps of flight left, fractional: the last step flies only that fraction, so the flight is exactly `range`. */
export const P_STEPS_LEFT_PTR: usize = memory.data(PROJECTILE_CAPACITY << 3, 16);
/** The body slot that fired it, i32. */
export const P_OWNER_PTR: usize = memory.data(PROJECTILE_CAPACITY << 2, 16);
/** 1 while in flight. */
export const P_ACTIVE_PTR: usize = memory.data(PROJECTILE_CAPACITY, 16);
/** Its weapon, one byte. */
export const P_WEAPON_PTR: usize = memory.data(PROJECTILE_CAPACITY, 16);
/** World steps back it tests bodies at (its owner's rewind when fired), one byte. */
export const P_REWIND_PTR: usize = memory.data(PROJECTILE_CAPACITY, 16);

/** Marks a queued input, so that "no keys held" (bits 0) is distinguishable from "no input this step". */
export const INPUT_QUEUED: u8 = 0x80;

/**
 * One past the highest slot ever spawned. step() and stateHash() scan only [0, slotEnd): rooms fill slots from
 * 0 upwards, so a 64-player room never pays for the other 16k slots. It only grows, so a scan never misses a slot.
 */
let slotEnd: i32 = 0;

/** True for a slot of the pool, [0, CAPACITY). */
export function slotInRange(slot: i32): bool {
  return <u32>slot < <u32>CAPACITY;
}

export function getSlotEnd(): i32 {
  return slotEnd;
}

export function noteSlotUsed(slot: i32): void {
  if (slot >= slotEnd) slotEnd = slot + 1;
}

export function loadF64(base: usize, slot: i32): f64 {
  return load<f64>(base + (<usize>slot << 3));
}

export function storeF64(base: usize, slot: i32, value: f64): void {
  store<f64>(base + (<usize>slot << 3), value);
}

export function loadU8(base: usize, slot: i32): u8 {
  return load<u8>(base + <usize>slot);
}

export function storeU8(base: usize, slot: i32, value: u8): void {
  store<u8>(base + <usize>slot, value);
}

export function loadI32(base: usize, slot: i32): i32 {
  return load<i32>(base + (<usize>slot << 2));
}

export function storeI32(base: usize, slot: i32, value: i32): void {
  store<i32>(base + (<usize>slot << 2), value);
}
