// The seeded PRNG (prng.ts) behind crits.

import { nextU32, prngState, seedPrng } from "../prng";

export function setSeed(seed: u32): void {
  seedPrng(seed);
}
export function getSeedState(): u32 {
  return prngState();
}
/**
 * Draws from the PRNG, as a crit roll does; the next crit roll uses the draw after it. wasm-sim.test.ts checks the
 * draws equal src/prng.ts's mulberry32 (the copy hosts use to predict crits).
 */
export function drawRandom(): u32 {
  return nextU32();
}
