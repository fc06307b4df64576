import { describe, expect, it } from "vitest";
import { runDeterminismScenario, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { COMBAT_SCENARIO, DETERMINISM_SCENARIO, GOLDEN, GOLDEN_COMBAT, GOLDEN_PLAZA, PLAZA_SCENARIO } from "../../sim-core/test/golden.ts";
import { describeCombatContract } from "../../sim-core/test/combat-contract.ts";
import { describeSceneryContract } from "../../sim-core/test/scenery-contract.ts";

/** The same .wasm the room runs, inside workerd, must match the golden hashes produced in Node bit for bit. */
describe("sim-core determinism inside workerd", () => {
  it("the WASM build reproduces the golden hashes over 10,000 random inputs among random tiles and walls", () => {
    const result = runDeterminismScenario(WasmSim.fromModule(simModule), DETERMINISM_SCENARIO);
    expect(result).toEqual(GOLDEN);
  });

  it("the WASM build reproduces the golden combat hashes (projectiles, hits, crits, rewinds, tile damage)", () => {
    const result = runDeterminismScenario(WasmSim.fromModule(simModule), COMBAT_SCENARIO);
    expect(result).toEqual(GOLDEN_COMBAT);
  });

  it("the WASM build reproduces the golden plaza hashes (1,000 bodies fighting over a 512 m world)", () => {
    const result = runDeterminismScenario(WasmSim.fromModule(simModule), PLAZA_SCENARIO);
    expect(result).toEqual(GOLDEN_PLAZA);
  });

  it("a different seed gives a different result (the comparison can fail)", () => {
    const result = runDeterminismScenario(WasmSim.fromModule(simModule), { ...DETERMINISM_SCENARIO, seed: 1 });
    expect(result.rollingHash).not.toBe(GOLDEN.rollingHash);
  });
});

describeCombatContract("WasmSim inside workerd", () => WasmSim.fromModule(simModule));
describeSceneryContract("WasmSim inside workerd", () => WasmSim.fromModule(simModule));
