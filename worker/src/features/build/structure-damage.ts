import type { RoomWorld } from "../../room/room-world.ts";

/**
 * What combat may do to a room's structures: the sim's tile hits and destructions, applied to the build feature's
 * state, table and channel. The build feature registers its room here for its world; combat looks it up (a room
 * without building has none, and tile events then only change the sim).
 */
export interface StructureDamage {
  damage(tx: number, ty: number, hp: number): void;
  destroyed(tx: number, ty: number): void;
}

const byWorld = new WeakMap<RoomWorld, StructureDamage>();

export function registerStructureDamage(world: RoomWorld, damage: StructureDamage): void {
  byWorld.set(world, damage);
}

export function structureDamageOf(world: RoomWorld): StructureDamage | undefined {
  return byWorld.get(world);
}
