// ackTick: what a client confirms it has read, on input batches and pings (ARCHITECTURE.md "Reading confirmation").
import { describe, expect, it } from "vitest";
import { ErrorCode, MAX_SEQ } from "../src/index.ts";
import { batch, bothCodecs, expectError, input, typedInput } from "./helpers.ts";

const BAD_TICKS: unknown[] = [-1, 1.5, MAX_SEQ + 1, "3", null, true, [], {}, Number.NaN, Infinity];

describe("ackTick on movement.input_batch", () => {
  it("is carried through when it is a tick 0..MAX_SEQ", () => {
    for (const ackTick of [0, 1, 123_456, MAX_SEQ]) {
      for (const result of bothCodecs({ ...batch([input(1)]), payload: { inputs: [input(1)], ackTick } })) {
        expect(result).toEqual({
          ok: true,
          message: { v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", payload: { inputs: [typedInput(1)], ackTick } },
        });
      }
    }
  });

  it("is optional: a batch from a client before ackTick still parses, with no ackTick key", () => {
    for (const result of bothCodecs(batch([input(1)]))) {
      expect(result.ok && result.message.kind).toBe("command");
      if (result.ok && result.message.kind === "command") expect(result.message.payload).toEqual({ inputs: [typedInput(1)] });
    }
  });

  it("refuses a batch whose ackTick is not a tick, naming the field", () => {
    for (const ackTick of BAD_TICKS) {
      const value = { ...batch([input(1)]), payload: { inputs: [input(1)], ackTick } };
      // JSON has no NaN or Infinity: they arrive as null, which is no tick either.
      for (const result of bothCodecs(value)) {
        expectError(result, ErrorCode.invalidPayload, 5);
        if (!result.ok) expect(result.message).toMatch(/payload\.ackTick/);
      }
    }
  });
});

describe("ackTick on ping", () => {
  it("accepts the shape every client sends: { kind: 'ping', payload: { ackTick } }", () => {
    for (const ackTick of [0, 42, MAX_SEQ]) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq: 9, clientTime: 1_700_000_000_000, payload: { ackTick } })) {
        expect(result).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 9, clientTime: 1_700_000_000_000, payload: { ackTick } } });
      }
    }
  });

  it("still parses a ping with no payload, or a payload without ackTick (other keys dropped, as before)", () => {
    for (const value of [{ v: 2, kind: "ping", seq: 3, clientTime: 4 }, { v: 2, kind: "ping", seq: 3, clientTime: 4, payload: { pad: "xx" } }]) {
      for (const result of bothCodecs(value)) expect(result).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 3, clientTime: 4 } });
    }
  });

  it("refuses a bad ackTick or a payload that is not an object, with the ping's seq", () => {
    for (const ackTick of BAD_TICKS) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq: 6, payload: { ackTick } })) expectError(result, ErrorCode.invalidPayload, 6);
    }
    for (const payload of [5, "ackTick", [1], true]) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq: 6, payload })) expectError(result, ErrorCode.invalidPayload, 6);
    }
  });
});
