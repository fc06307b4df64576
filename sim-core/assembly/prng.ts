// The simulation's PRNG (crits): mulberry32, the same function as sim-core/src/prng.ts. Integer ops only, so every
// host draws the same numbers; its state is part of stateHash(), and setSeed() makes a replay draw them again.

let state: u32 = 0;

export function seedPrng(seed: u32): void {
  state = seed;
}

export function prngState(): u32 {
  return state;
}

/** The next uniform u32. */
export function nextU32(): u32 {
  state += 0x6d2b79f5;
  let t = state;
  t = (t ^ (t >>> 15)) * (t | 1);
  t ^= t + (t ^ (t >>> 7)) * (t | 61);
  return t ^ (t >>> 14);
}

/** True with probability `chance` (0..1): a draw below chance × 2^32. Draws nothing when chance ≤ 0. */
export function chance(probability: f64): bool {
  if (probability <= 0.0) return false;
  return <f64>nextU32() * (1.0 / 4294967296.0) < probability;
}
