import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * sim-core's build/sim.wasm (built by `npm run build:wasm -w sim-core`, which `npm test` runs first), compiled
 * from disk: the same module the page fetches and the room imports.
 */
export function loadSimModule(): WebAssembly.Module {
  const path = fileURLToPath(new URL("../../../sim-core/build/sim.wasm", import.meta.url));
  // A copy in an ArrayBuffer of its own (Node's Buffer may be a view into a shared pool).
  return new WebAssembly.Module(new Uint8Array(readFileSync(path)));
}
