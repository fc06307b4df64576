import { describe, expect, it } from "vitest";
import {
  encodeClientMessage,
  encodeMsgpack,
  ErrorCode,
  MAX_FRAME_BYTES,
  MAX_INPUTS_PER_BATCH,
  MAX_SEQ,
  parseClientFrame,
  type ParseResult,
} from "../src/index.ts";

const input = (seq: number, keys: Partial<Record<"up" | "down" | "left" | "right", unknown>> = {}) => ({
  seq,
  up: false,
  down: false,
  left: false,
  right: false,
  ...keys,
});
const batch = (inputs: unknown, extra: Record<string, unknown> = {}) => ({
  v: 2,
  kind: "command",
  seq: 5,
  feature: "movement",
  action: "input_batch",
  payload: { inputs },
  ...extra,
});

function expectError(result: ParseResult, code: ErrorCode, seq?: number): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  if (seq !== undefined) expect(result.seq).toBe(seq);
}

/** Both codecs must reject the same logical value with the same code. */
function bothCodecs(value: unknown): ParseResult[] {
  return [parseClientFrame(encodeMsgpack(value)), parseClientFrame(JSON.stringify(value))];
}

describe("parseClientFrame", () => {
  it("accepts a valid input batch and ping in both codecs", () => {
    const up = { seq: 1, up: true, down: false, left: false, right: false };
    const idle = { seq: 2, up: false, down: false, left: false, right: false };
    for (const codec of ["msgpack", "json"] as const) {
      const command = encodeClientMessage(
        { v: 2, kind: "command", seq: 3, feature: "movement", action: "input_batch", clientTime: 12.5, payload: { inputs: [up, idle] } },
        codec,
      );
      expect(parseClientFrame(command)).toEqual({
        ok: true,
        message: { v: 2, kind: "command", seq: 3, feature: "movement", action: "input_batch", clientTime: 12.5, payload: { inputs: [up, idle] } },
      });
      expect(parseClientFrame(encodeClientMessage({ v: 2, kind: "ping", seq: 4, clientTime: 99 }, codec))).toEqual({
        ok: true,
        message: { v: 2, kind: "ping", seq: 4, clientTime: 99 },
      });
    }
  });

  it("accepts session.resync with no or empty payload", () => {
    for (const payload of [undefined, {}]) {
      const result = parseClientFrame(encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "session", action: "resync", payload }));
      expect(result).toMatchObject({ ok: true, message: { feature: "session", action: "resync" } });
    }
    expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "command", seq: 1, feature: "session", action: "resync", payload: [1] })), ErrorCode.invalidPayload, 1);
  });

  it("drops unknown keys instead of copying them into the typed message", () => {
    const result = parseClientFrame(JSON.stringify({ ...batch([{ ...input(1), extra: "x" }]), admin: true }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message).not.toHaveProperty("admin");
    expect((result.message as { payload: { inputs: object[] } }).payload.inputs[0]).not.toHaveProperty("extra");
  });

  it("never throws on random bytes: always a malformed/bad envelope error or a valid message", () => {
    let state = 0x12345678;
    const next = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) & 0xff);
    for (let i = 0; i < 3000; i++) {
      const bytes = new Uint8Array(1 + (next() % 96)).map(next);
      const result = parseClientFrame(bytes);
      if (!result.ok) expect(Object.values(ErrorCode)).toContain(result.code);
    }
  });

  it("rejects bytes that are not msgpack and text that is not JSON", () => {
    expectError(parseClientFrame(new Uint8Array([0x92, 0x01])), ErrorCode.malformedFrame); // array of 2, 1 present
    expectError(parseClientFrame(new Uint8Array([...encodeMsgpack({ v: 2, kind: "ping", seq: 1 }), 0x00])), ErrorCode.malformedFrame); // trailing byte
    expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: 5 }).subarray(0, 6)), ErrorCode.malformedFrame);
    expectError(parseClientFrame("{\"v\":2,"), ErrorCode.malformedFrame);
    expectError(parseClientFrame(""), ErrorCode.malformedFrame);
    expectError(parseClientFrame(new ArrayBuffer(0)), ErrorCode.malformedFrame);
  });

  it("rejects envelopes that are not maps", () => {
    for (const value of [[1, 2], 42, "hello", null, true]) {
      for (const result of bothCodecs(value)) expectError(result, ErrorCode.badEnvelope);
    }
    expectError(parseClientFrame(encodeMsgpack(new Uint8Array([1, 2, 3]))), ErrorCode.badEnvelope);
    // 0xc1 is the one byte msgpack never uses: it decodes to a marker object, which is no envelope.
    expectError(parseClientFrame(new Uint8Array([0xc1])), ErrorCode.badEnvelope);
  });

  it("checks the version, then the seq", () => {
    for (const v of [undefined, 1, 3, "2"]) {
      for (const result of bothCodecs({ v, kind: "ping", seq: 1 })) expectError(result, ErrorCode.unsupportedVersion, 1);
    }
    for (const seq of [undefined, -1, 1.5, MAX_SEQ + 1, "7", null, Number.MAX_SAFE_INTEGER + 2]) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq })) expectError(result, ErrorCode.badEnvelope);
    }
    expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: "noon" })), ErrorCode.badEnvelope, 1);
    expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: Number.NaN })), ErrorCode.badEnvelope, 1);
    expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: Infinity })), ErrorCode.badEnvelope, 1);
  });

  it("rejects kinds a client may not send, and unknown features and actions", () => {
    for (const kind of ["welcome", "snapshot", "ack", "error", "", 7, undefined]) {
      for (const result of bothCodecs({ v: 2, kind, seq: 2 })) expectError(result, ErrorCode.unknownKind, 2);
    }
    for (const feature of ["teleport", "__proto__", "constructor", "toString", "", 1, undefined]) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 2, feature, action: "input_batch" })) expectError(result, ErrorCode.unknownFeature, 2);
    }
    for (const action of ["fly", "resync", "__proto__", "constructor", "", 3, undefined]) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 2, feature: "movement", action })) expectError(result, ErrorCode.unknownAction, 2);
    }
  });

  it("does not let a __proto__ payload pollute anything", () => {
    const text = '{"v":2,"kind":"command","seq":1,"feature":"movement","action":"input_batch","payload":{"__proto__":{"inputs":[{"seq":1,"up":true,"down":false,"left":false,"right":false}]}}}';
    expectError(parseClientFrame(text), ErrorCode.invalidPayload, 1);
    expect(({} as Record<string, unknown>).inputs).toBeUndefined();
  });

  it("checks every field of an input batch", () => {
    const cases: unknown[] = [
      batch(undefined),
      { ...batch([]), payload: "inputs" },
      { ...batch([]), payload: undefined },
      batch("not an array"),
      batch([]),
      batch(Array.from({ length: MAX_INPUTS_PER_BATCH + 1 }, (_, i) => input(i + 1))),
      batch([5]),
      batch([null]),
      batch([input(0)]),
      batch([input(-1)]),
      batch([input(1.5)]),
      batch([input(MAX_SEQ + 1)]),
      batch([{ ...input(1), seq: "1" }]),
      batch([input(2), input(2)]),
      batch([input(3), input(2)]),
      batch([input(1, { up: 1 })]),
      batch([input(1, { down: "true" })]),
      batch([input(1, { left: null })]),
      batch([{ seq: 1, up: true, down: false, left: false }]),
    ];
    for (const value of cases) {
      for (const result of bothCodecs(value)) expectError(result, ErrorCode.invalidPayload, 5);
    }
    expect(parseClientFrame(encodeMsgpack(batch(Array.from({ length: MAX_INPUTS_PER_BATCH }, (_, i) => input(i + 1)))))).toMatchObject({ ok: true });
    expect(parseClientFrame(encodeMsgpack(batch([input(MAX_SEQ)])))).toMatchObject({ ok: true });
  });

  it("enforces the frame size limit in bytes, for binary and text frames", () => {
    expect(parseClientFrame(new Uint8Array(MAX_FRAME_BYTES)).ok).toBe(false);
    expectError(parseClientFrame(new Uint8Array(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge);
    expectError(parseClientFrame("x".repeat(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge);
    // Exactly at the limit is judged on content, not size.
    const padded = (length: number) => {
      const base = JSON.stringify({ v: 2, kind: "ping", seq: 1, clientTime: 1, pad: "" });
      return JSON.stringify({ v: 2, kind: "ping", seq: 1, clientTime: 1, pad: "a".repeat(length - base.length) });
    };
    expect(parseClientFrame(padded(MAX_FRAME_BYTES))).toMatchObject({ ok: true });
    expectError(parseClientFrame(padded(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge);
    // "é" is 2 bytes in UTF-8: 9,000 of them are under the limit in characters but over it in bytes.
    expectError(parseClientFrame(JSON.stringify({ v: 2, kind: "ping", seq: 1, pad: "é".repeat(9000) })), ErrorCode.frameTooLarge);
    const started = performance.now();
    expectError(parseClientFrame("y".repeat(50_000_000)), ErrorCode.frameTooLarge);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
