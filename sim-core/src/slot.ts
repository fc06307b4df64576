/** Throws unless `slot` is an integer in [0, capacity). Both sims check this before touching their arrays. */
export function assertSlot(slot: number, capacity: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= capacity) {
    throw new RangeError(`slot ${slot} is outside 0..${capacity - 1}`);
  }
}
