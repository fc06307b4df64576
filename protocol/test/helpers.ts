// Shared helpers for the protocol tests (not a test file itself).
import { expect } from "vitest";
import { encodeMsgpack, parseClientFrame, type ErrorCode, type MovementInput, type ParseResult } from "../src/index.ts";

export type Keys = Partial<Record<"up" | "down" | "left" | "right", unknown>>;

/** One movement input with every key released unless overridden. */
export const input = (seq: unknown, keys: Keys = {}) => ({ seq, up: false, down: false, left: false, right: false, ...keys });

/** A well-typed MovementInput. */
export const typedInput = (seq: number, up = false): MovementInput => ({ seq, up, down: false, left: false, right: false });

/** A copy of the bytes in a fresh ArrayBuffer, as the hibernation API hands binary frames over. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

/** A movement.input_batch envelope with envelope seq 5. */
export const batch = (inputs: unknown, extra: Record<string, unknown> = {}) => ({
  v: 2,
  kind: "command",
  seq: 5,
  feature: "movement",
  action: "input_batch",
  payload: { inputs },
  ...extra,
});

/**
 * Asserts a rejection with exactly `code`. `seq`: a number means the error must carry that seq; null means it must
 * carry none; undefined means either.
 */
export function expectError(result: ParseResult<unknown>, code: ErrorCode, seq?: number | null): void {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.code, result.message).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  if (seq === null) expect(result).not.toHaveProperty("seq");
  else if (seq !== undefined) expect(result.seq).toBe(seq);
}

/** The same logical value as a binary msgpack frame and as a JSON text frame. */
export function bothCodecs(value: unknown): ParseResult[] {
  return [parseClientFrame(encodeMsgpack(value)), parseClientFrame(JSON.stringify(value))];
}

/** Small seeded PRNG (mulberry32): a failing case reproduces exactly. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
