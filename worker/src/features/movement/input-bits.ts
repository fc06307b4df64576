import type { MovementInput } from "@edgehold/protocol";
import { InputBit } from "@edgehold/sim-core";

/** Wire input (booleans) → the sim's input bits (the aim of a `fire` goes to `sim.bodies.setInput` beside them). */
export function inputBits(input: MovementInput): number {
  return (
    (input.up ? InputBit.up : 0) |
    (input.down ? InputBit.down : 0) |
    (input.left ? InputBit.left : 0) |
    (input.right ? InputBit.right : 0) |
    (input.fire ? InputBit.fire : 0)
  );
}
