/**
 * mulberry32: a tiny seeded PRNG (32-bit state, integer ops only), so a scenario replays identically in every
 * host. Returns a function yielding uniform u32 values in [0, 2^32). Not for anything security-related.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
