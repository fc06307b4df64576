import { WasmSim } from "@edgehold/sim-core";
import wasmUrl from "@edgehold/sim-core/sim.wasm?url";

/**
 * The same sim.wasm the room runs, fetched from the page's own assets and compiled while it downloads.
 * Compiled once per page; each room session instantiates its own sim from it.
 */
let compiled: Promise<WebAssembly.Module> | undefined;

export function compileSimModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

export async function createSim(): Promise<WasmSim> {
  return WasmSim.fromModuleAsync(await compileSimModule());
}
