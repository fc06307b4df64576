import { describe, expect, it } from "vitest";
import { ReferenceMovementSim, SIM_CAPACITY } from "../src/index.ts";
import { describeMovementContract } from "./movement-contract.ts";

describeMovementContract("ReferenceMovementSim", () => new ReferenceMovementSim());
describeMovementContract("ReferenceMovementSim with 64 slots", () => new ReferenceMovementSim(64));

describe("ReferenceMovementSim", () => {
  it("defaults to the wasm build's capacity", () => {
    expect(new ReferenceMovementSim().capacity).toBe(SIM_CAPACITY);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new ReferenceMovementSim(0)).toThrow(RangeError);
    expect(() => new ReferenceMovementSim(2.5)).toThrow(RangeError);
  });
});
