// Bundled into an IIFE and run inside Chromium by determinism.e2e.test.ts.
import { runDeterminismScenario, WasmMovementSim, type ScenarioOptions } from "../src/index.ts";

export async function run(wasmBase64: string, scenario: ScenarioOptions) {
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  return { wasm: runDeterminismScenario(await WasmMovementSim.fromModuleAsync(module), scenario) };
}
