import type { BuildAction, MovementInput } from "@edgehold/protocol";
import { InputBit } from "@edgehold/sim-core";
import type { FireAim } from "./predictor.ts";

/** The sim's input bits → the wire's input record (the server maps it back with the same table). */
export function toWireInput(seq: number, bits: number, build?: BuildAction, fire?: FireAim): MovementInput {
  const input: MovementInput = {
    seq,
    up: (bits & InputBit.up) !== 0,
    down: (bits & InputBit.down) !== 0,
    left: (bits & InputBit.left) !== 0,
    right: (bits & InputBit.right) !== 0,
  };
  // Aim and view time ride only the inputs that fire: the room reads them only then, and idle inputs stay small.
  if ((bits & InputBit.fire) !== 0 && fire) {
    input.fire = true;
    input.aimX = fire.aimX;
    input.aimY = fire.aimY;
    input.viewTime = fire.viewTime;
  }
  if (build) input.build = build;
  return input;
}
