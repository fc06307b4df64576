import { describe, it } from "vitest";
import type { WasmSim } from "../src/index.ts";
import { COMBAT_CASES } from "./combat-cases.ts";

/**
 * The combat contract (combat-cases.ts) as vitest cases, for the hosts that run vitest: Node (wasm-sim.test.ts) and
 * workerd (worker/test/sim-determinism.test.ts). Chromium runs the same cases in a page (sim-core/e2e).
 */
export function describeCombatContract(name: string, makeSim: () => WasmSim): void {
  describe(`${name} (combat contract)`, () => {
    for (const { name: caseName, run } of COMBAT_CASES) it(caseName, () => run(makeSim));
  });
}
