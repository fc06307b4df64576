import { loadSimModuleFromDisk } from "../src/node-loader.ts";

/** build/sim.wasm, compiled once per test file (the root `test` script builds it first). */
export const simModule = loadSimModuleFromDisk();
