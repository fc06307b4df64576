import { MAX_SEQ } from "./constants.ts";

/** Type guards shared by the envelope parser and the features' payload validators (untrusted values in). */

/** A plain JSON/msgpack map: not an array, a byte string, a Map, or an object with a foreign prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (value instanceof Uint8Array || value instanceof Map) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isSeq(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_SEQ;
}

/** True for a number that is neither NaN nor ±Infinity (also the page's check of every replica field it reads). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
