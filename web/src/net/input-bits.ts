import type { BuildAction, MovementInput } from "@edgehold/protocol";
import { InputBit } from "@edgehold/sim-core";

/** The sim's input bits → the wire's input record (the server maps it back with the same table). */
export function toWireInput(seq: number, bits: number, build?: BuildAction): MovementInput {
  const input: MovementInput = {
    seq,
    up: (bits & InputBit.up) !== 0,
    down: (bits & InputBit.down) !== 0,
    left: (bits & InputBit.left) !== 0,
    right: (bits & InputBit.right) !== 0,
  };
  if (build) input.build = build;
  return input;
}
