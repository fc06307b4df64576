import type { MovementInput } from "@edgehold/protocol";
import { InputBit, inputFlags } from "@edgehold/sim-core";

/** The bits the movement keys set: the rest of an input is the features' (input parts). */
export const MOVEMENT_BITS = InputBit.up | InputBit.down | InputBit.left | InputBit.right;

/**
 * What one feature adds to one input (a controller's `input()`, once per fixed step): sim bits with the aim they
 * take (firing), and the feature's own fields of the wire input (`build`; `fire`, `aimX`, `aimY`, `viewTime`).
 */
export interface InputPart {
  readonly bits?: number;
  readonly aimX?: number;
  readonly aimY?: number;
  readonly fields?: Partial<MovementInput>;
}

/** One input as the page simulates it (bits, aim) and sends it (`wire`, re-sent as it is after a resume). */
export interface StepInput {
  readonly seq: number;
  readonly bits: number;
  readonly aimX: number;
  readonly aimY: number;
  readonly wire: MovementInput;
}

/**
 * The input of one step: the held movement keys (`bits`; anything else in them is dropped) plus the features' parts,
 * merged in registry order. The wire input lists the movement fields first, then each part's fields in that order,
 * so an input encodes byte for byte as the room's codec has always seen it.
 */
export function composeInput(seq: number, bits: number, parts: readonly (InputPart | undefined)[]): StepInput {
  let stepBits = bits & MOVEMENT_BITS;
  let aimX = 0;
  let aimY = 0;
  const { up, down, left, right } = inputFlags(stepBits);
  const wire: MovementInput = { seq, up, down, left, right };
  for (const part of parts) {
    if (!part) continue;
    stepBits |= part.bits ?? 0;
    if (part.aimX !== undefined) aimX = part.aimX;
    if (part.aimY !== undefined) aimY = part.aimY;
    if (part.fields) Object.assign(wire, part.fields);
  }
  return { seq, bits: stepBits, aimX, aimY, wire };
}
