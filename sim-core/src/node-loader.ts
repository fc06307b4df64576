// Node-only: reads the built sim.wasm from disk. Deliberately not exported from index.ts (workerd imports the
// .wasm as a module and browsers fetch it; neither has a file system).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where `npm run build:wasm -w sim-core` writes the module. */
export const SIM_WASM_PATH = fileURLToPath(new URL("../build/sim.wasm", import.meta.url));

/** Compiles build/sim.wasm synchronously. Throws with a hint if it has not been built. */
export function loadSimModuleFromDisk(path: string = SIM_WASM_PATH): WebAssembly.Module {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new Error(`cannot read ${path}: run \`npm run build:wasm -w sim-core\` first`, { cause });
  }
  return new WebAssembly.Module(new Uint8Array(bytes));
}
