import { describe, expect, it } from "vitest";
import { runDeterminismScenario, WasmMovementSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { DETERMINISM_SCENARIO, GOLDEN } from "../../sim-core/test/golden.ts";

/** The same .wasm the room runs, inside workerd, must match the golden hashes produced in Node bit for bit. */
describe("sim-core determinism inside workerd", () => {
  it("the WASM build reproduces the golden hashes over 10,000 random inputs among random tiles and walls", () => {
    const result = runDeterminismScenario(WasmMovementSim.fromModule(simModule), DETERMINISM_SCENARIO);
    expect(result).toEqual(GOLDEN);
  });

  it("a different seed gives a different result (the comparison can fail)", () => {
    const result = runDeterminismScenario(WasmMovementSim.fromModule(simModule), { ...DETERMINISM_SCENARIO, seed: 1 });
    expect(result.rollingHash).not.toBe(GOLDEN.rollingHash);
  });
});
