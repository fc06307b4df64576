// The simulation state: struct-of-arrays in static linear memory, reserved at compile time (memory.data), so the
// module needs no allocator and step() never allocates. Body slots live here, the tile grid in tiles.ts.
//
// Room for projectiles (their issue fills it in): a second pool of its own, PROJECTILE_CAPACITY slots with the same
// SoA shape (x, y, vx, vy as f64, plus owner body slot and steps-to-live), reserved here with memory.data. They are
// advanced only by step() (the world step, once per tick, after the bodies) and never by stepBody(), so a body's
// catch-up step cannot move them twice; they stop at blocking tiles through collision.ts's sweeps (a small half
// extent, any speed: the sweeps test every face crossed) and are folded into stateHash() after the bodies.

import { CAPACITY } from "./constants";

/** Positions (m) and velocities (m/s), one f64 per slot, always on the 1/256 grid. */
export const X_PTR: usize = memory.data(CAPACITY << 3, 16);
export const Y_PTR: usize = memory.data(CAPACITY << 3, 16);
export const VX_PTR: usize = memory.data(CAPACITY << 3, 16);
export const VY_PTR: usize = memory.data(CAPACITY << 3, 16);

/** 1 while a slot holds an entity, else 0. */
export const ACTIVE_PTR: usize = memory.data(CAPACITY, 16);

/** The input queued for the next step: 0 when none, else INPUT_QUEUED | (bits & INPUT_MASK). */
export const INPUT_PTR: usize = memory.data(CAPACITY, 16);

/** Marks a queued input, so that "no keys held" (bits 0) is distinguishable from "no input this step". */
export const INPUT_QUEUED: u8 = 0x80;

/**
 * One past the highest slot ever spawned. step() and stateHash() scan only [0, slotEnd): rooms fill slots from
 * 0 upwards, so a 64-player room never pays for the other 16k slots. It only grows, so a scan never misses a slot.
 */
let slotEnd: i32 = 0;

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
