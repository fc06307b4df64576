// Argument checks the facade makes before calling into the wasm (which takes i32s and would wrap or ignore bad ones).

import { PROJECTILE_CAPACITY } from "./constants.ts";

/** i32 limits: what the wasm's integer parameters hold without wrapping. */
const I32_MAX = 0x7fffffff;
const I32_MIN = -0x80000000;

/** Throws unless `slot` is an integer in [0, capacity). */
export function assertSlot(slot: number, capacity: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= capacity) {
    throw new RangeError(`slot ${slot} is outside 0..${capacity - 1}`);
  }
}

/** Throws unless `p` is a projectile slot. */
export function assertProjectile(p: number): void {
  if (!Number.isInteger(p) || p < 0 || p >= PROJECTILE_CAPACITY) {
    throw new RangeError(`projectile ${p} is outside 0..${PROJECTILE_CAPACITY - 1}`);
  }
}

/** Throws unless `value` is an integer (any magnitude; the caller clamps it into the i32 range). */
export function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} ${value} is not an integer`);
}

/** An integer clamped into the i32 range, so a huge value saturates instead of wrapping in the wasm call. */
export function toI32(value: number): number {
  return value > I32_MAX ? I32_MAX : value < I32_MIN ? I32_MIN : value;
}

/** Throws unless tx and ty are integers (any integer: the world's bounds are checked by the caller). */
export function assertTileCoordinates(tx: number, ty: number): void {
  if (!Number.isInteger(tx) || !Number.isInteger(ty)) {
    throw new RangeError(`tile (${tx}, ${ty}) needs integer coordinates`);
  }
}
