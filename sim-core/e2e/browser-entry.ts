// Bundled into an IIFE and run inside Chromium by determinism.e2e.test.ts.
import { runDeterminismScenario, WasmSim, type ScenarioOptions } from "../src/index.ts";
import { COMBAT_CASES } from "../test/combat-cases.ts";

export async function run(wasmBase64: string, scenario: ScenarioOptions) {
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  return { wasm: runDeterminismScenario(await WasmSim.fromModuleAsync(module), scenario) };
}

/** Runs every combat contract case on this engine's sim.wasm: each case's name and its error, if any. */
export function runCombatCases(wasmBase64: string): { name: string; error?: string }[] {
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  return COMBAT_CASES.map(({ name, run }) => {
    try {
      run(() => WasmSim.fromModule(module));
      return { name };
    } catch (error) {
      return { name, error: error instanceof Error ? error.message : String(error) };
    }
  });
}
