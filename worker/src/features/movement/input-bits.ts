import type { MovementInput } from "@edgehold/protocol";
import { InputBit } from "@edgehold/sim-core";

/** Wire input (booleans) → the sim's input bits. */
export function inputBits(input: MovementInput): number {
  return (input.up ? InputBit.up : 0) | (input.down ? InputBit.down : 0) | (input.left ? InputBit.left : 0) | (input.right ? InputBit.right : 0);
}
