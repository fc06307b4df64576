import { describe, expect, it } from "vitest";
import { INPUT_MASK } from "../src/constants.ts";
import { InputBit, inputBits, inputFlags } from "../src/index.ts";

describe("inputBits and inputFlags: the one mapping between the wire's input booleans and the sim's bits", () => {
  it("round-trips every combination of bits, and ignores bits that are no InputBit", () => {
    for (let bits = 0; bits <= INPUT_MASK; bits++) expect(inputBits(inputFlags(bits))).toBe(bits);
    expect(inputBits(inputFlags(0xffff_ffe0 | InputBit.left))).toBe(InputBit.left);
  });

  it("names each bit as the wire does, in the wire's order", () => {
    expect(inputFlags(InputBit.up | InputBit.fire)).toEqual({ up: true, down: false, left: false, right: false, fire: true });
    expect(Object.keys(inputFlags(0))).toEqual(["up", "down", "left", "right", "fire"]);
  });

  it("reads a wire input: missing flags are unset, other fields are not input bits", () => {
    const wire = { seq: 7, up: false, down: true, left: false, right: true, aimX: 1, viewTime: 5 };
    expect(inputBits(wire)).toBe(InputBit.down | InputBit.right);
    expect(inputBits({ ...wire, fire: true })).toBe(InputBit.down | InputBit.right | InputBit.fire);
  });
});
