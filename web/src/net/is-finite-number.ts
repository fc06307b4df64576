/** True for a number that is neither NaN nor ±Infinity: the check every replica field reader makes. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
