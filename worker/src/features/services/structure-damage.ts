import { defineService } from "./define-service.ts";

/**
 * What projectiles may do to a room's structures: the sim's tile hits and destructions, applied to the structures'
 * state, table and channel. Provided by the build feature, used by combat (a room without building has no
 * provider, and tile events then only change the sim).
 */
export interface StructureDamage {
  /** A projectile hit the structure at (tx, ty), leaving it `hp` (the sim's count, which decides). */
  damage(tx: number, ty: number, hp: number): void;
  /** The sim destroyed the structure at (tx, ty); its tile is empty already. */
  destroyed(tx: number, ty: number): void;
}

export const structureDamage = defineService<StructureDamage>("structure_damage");
