import type { SimExports } from "./wasm-exports.ts";

/** The sim's seeded PRNG (mulberry32, the same as src/prng.ts): crits draw from it. */
export interface SimPrng {
  /** Seeds it (a u32). Same seed and same inputs: same fight, same hashes. */
  seed(seed: number): void;
  /** Its state (a u32): what `seed` set, advanced by one per draw. */
  readonly state: number;
  /** Draws a u32, as a crit roll would (a test checks the draws equal src/prng.ts's mulberry32). */
  draw(): number;
}

export class WasmPrng implements SimPrng {
  constructor(private readonly wasm: SimExports) {}

  seed(seed: number): void {
    if (!Number.isInteger(seed)) throw new RangeError(`seed ${seed} is not an integer`);
    this.wasm.setSeed(seed >>> 0);
  }

  get state(): number {
    return this.wasm.getSeedState() >>> 0;
  }

  draw(): number {
    return this.wasm.drawRandom() >>> 0;
  }
}
