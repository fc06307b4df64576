import { InputBit } from "./constants.ts";

/**
 * An input as one flag per InputBit, keyed by the bit's name: the shape of the wire's movement input (protocol's
 * `MovementInput` carries the same names as booleans). The one mapping between the two, used both ways: the room reads
 * a wire input into bits, the page writes its bits into a wire input.
 */
export type InputFlags = Record<keyof typeof InputBit, boolean>;

const INPUT_NAMES = Object.keys(InputBit) as (keyof typeof InputBit)[];

/** The input bits of the flags that are set (missing flags are unset). */
export function inputBits(flags: Readonly<Partial<InputFlags>>): number {
  let bits = 0;
  for (const name of INPUT_NAMES) if (flags[name]) bits |= InputBit[name];
  return bits;
}

/** Every flag of `bits` (bits that are no InputBit are ignored). */
export function inputFlags(bits: number): InputFlags {
  return Object.fromEntries(INPUT_NAMES.map((name) => [name, (bits & InputBit[name]) !== 0])) as InputFlags;
}
