import type { BuildAction, MovementInput } from "@edgehold/protocol";
import { inputFlags } from "@edgehold/sim-core";
import type { FireAim } from "./predictor.ts";

/** The sim's input bits → the wire's input record (the room maps it back with sim-core's inputBits). */
export function toWireInput(seq: number, bits: number, build?: BuildAction, fire?: FireAim): MovementInput {
  const { up, down, left, right, fire: firing } = inputFlags(bits);
  const input: MovementInput = { seq, up, down, left, right };
  // Aim and view time ride only the inputs that fire: the room reads them only then, and idle inputs stay small.
  if (firing && fire) {
    input.fire = true;
    input.aimX = fire.aimX;
    input.aimY = fire.aimY;
    input.viewTime = fire.viewTime;
  }
  if (build) input.build = build;
  return input;
}
