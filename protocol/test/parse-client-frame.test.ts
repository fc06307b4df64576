// Validation of client frames: every malformed input maps to its specific ErrorCode, valid frames round-trip.
import { describe, expect, it } from "vitest";
import {
  encodeClientMessage,
  encodeMsgpack,
  ErrorCode,
  MAX_FRAME_BYTES,
  MAX_INPUTS_PER_BATCH,
  MAX_SEQ,
  parseClientFrame,
  parseEnvelope,
  type ClientMessage,
  type Codec,
  type ParseResult,
} from "../src/index.ts";
import { batch, bothCodecs, expectError, input, mulberry32, toArrayBuffer, typedInput } from "./helpers.ts";

const CODECS: Codec[] = ["msgpack", "json"];

describe("parseClientFrame: valid frames", () => {
  it("accepts a valid input batch and ping in both codecs", () => {
    const up = { seq: 1, up: true, down: false, left: false, right: false };
    const idle = { seq: 2, up: false, down: false, left: false, right: false };
    for (const codec of CODECS) {
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

  it("round-trips random valid messages through encodeClientMessage → parseClientFrame in both codecs", () => {
    const random = mulberry32(0xc0ffee);
    const int = (n: number) => Math.floor(random() * n);
    for (let i = 0; i < 500; i++) {
      const seq = int(MAX_SEQ + 1);
      const clientTime = int(3) === 0 ? undefined : Math.round(random() * 1e9) / 8;
      let message: ClientMessage;
      const shape = int(3);
      if (shape === 0) {
        message = { v: 2, kind: "ping", seq, clientTime: clientTime ?? 0 };
      } else if (shape === 1) {
        message = { v: 2, kind: "command", seq, feature: "session", action: "resync", ...(clientTime === undefined ? {} : { clientTime }) };
      } else {
        const inputs = [];
        let inputSeq = 1 + int(1000);
        for (let n = 1 + int(MAX_INPUTS_PER_BATCH); n > 0; n--) {
          inputs.push({ seq: inputSeq, up: random() < 0.5, down: random() < 0.5, left: random() < 0.5, right: random() < 0.5 });
          inputSeq += 1 + int(3);
        }
        message = {
          v: 2, kind: "command", seq, feature: "movement", action: "input_batch",
          ...(clientTime === undefined ? {} : { clientTime }), payload: { inputs },
        };
      }
      for (const codec of CODECS) expect(parseClientFrame(encodeClientMessage(message, codec))).toEqual({ ok: true, message });
    }
  });

  it("accepts frames given as ArrayBuffer and as a Uint8Array view into a larger buffer", () => {
    const bytes = encodeMsgpack({ v: 2, kind: "ping", seq: 8, clientTime: 1 });
    expect(parseClientFrame(toArrayBuffer(bytes))).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 8, clientTime: 1 } });
    // Garbage on both sides of the view must not be read.
    const big = new Uint8Array(bytes.byteLength + 20).fill(0xc1);
    big.set(bytes, 10);
    expect(parseClientFrame(big.subarray(10, 10 + bytes.byteLength))).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 8, clientTime: 1 } });
  });

  it("accepts session.resync with no, null or empty payload and does not copy a payload through", () => {
    for (const payload of [undefined, null, {}, { ignored: true }]) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 1, feature: "session", action: "resync", payload })) {
        expect(result).toEqual({ ok: true, message: { v: 2, kind: "command", seq: 1, feature: "session", action: "resync" } });
      }
    }
    for (const payload of [[1], [], 5, "x", true]) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 1, feature: "session", action: "resync", payload })) {
        expectError(result, ErrorCode.invalidPayload, 1);
      }
    }
  });

  it("accepts a ping without clientTime (as 0) and keeps negative or fractional client times", () => {
    for (const result of bothCodecs({ v: 2, kind: "ping", seq: 0 })) {
      expect(result).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 0, clientTime: 0 } });
    }
    for (const clientTime of [-5, 0.125, 1e15]) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq: 1, clientTime })) {
        expect(result).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 1, clientTime } });
      }
    }
  });

  it("accepts the seq range ends 0 and MAX_SEQ, input seqs with gaps, and exactly MAX_INPUTS_PER_BATCH inputs", () => {
    for (const seq of [0, MAX_SEQ]) for (const result of bothCodecs({ v: 2, kind: "ping", seq })) expect(result.ok).toBe(true);
    for (const result of bothCodecs(batch([input(1), input(7), input(MAX_SEQ)]))) expect(result.ok).toBe(true);
    const full = Array.from({ length: MAX_INPUTS_PER_BATCH }, (_, i) => input(i + 1));
    for (const result of bothCodecs(batch(full))) {
      expect(result.ok).toBe(true);
      if (result.ok && result.message.kind === "command" && result.message.action === "input_batch") {
        expect(result.message.payload.inputs).toHaveLength(MAX_INPUTS_PER_BATCH);
      }
    }
  });

  it("ignores unknown keys inside the payload and inputs and does not copy them into the typed message", () => {
    const value = {
      ...batch([{ ...input(1, { up: true }), extra: "x", dash: true }, input(2)]),
      payload: { inputs: [{ ...input(1, { up: true }), extra: "x", dash: true }, input(2)], teleport: { x: 1e9 } },
    };
    for (const result of bothCodecs(value)) {
      expect(result).toEqual({
        ok: true,
        message: {
          v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch",
          payload: { inputs: [input(1, { up: true }), input(2)] },
        },
      });
    }
    // A ping may carry the other envelope keys (they are allowed on every envelope); it keeps none of them.
    for (const result of bothCodecs({ v: 2, kind: "ping", seq: 3, clientTime: 4, feature: "movement", payload: { a: 1 } })) {
      expect(result).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 3, clientTime: 4 } });
    }
  });

  it("returns fresh objects that do not alias the decoded input", () => {
    const value = batch([input(1)]);
    const result = parseEnvelope(value);
    expect(result.ok && result.message.kind === "command" && result.message.action).toBe("input_batch");
    if (!result.ok || result.message.kind !== "command" || result.message.action !== "input_batch") return;
    expect(result.message.payload).not.toBe(value.payload);
    expect(result.message.payload.inputs[0]).not.toBe((value.payload.inputs as unknown[])[0]);
  });
});

describe("parseClientFrame: frame-level errors", () => {
  it("rejects bytes that are not msgpack with malformed_frame", () => {
    const cases: Uint8Array[] = [
      new Uint8Array([0x92, 0x01]), // array of 2, one element present
      new Uint8Array([0xc7]), // ext 8 with no length
      new Uint8Array([0xd9, 0x05, 0x61]), // str 8 of 5 bytes, one present
      new Uint8Array([0xde, 0xff, 0xff]), // map 16 claiming 65535 entries
      new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]), // array 32 claiming 4G elements
      new Uint8Array([0xcb, 0x00]), // float 64, truncated
      new Uint8Array([0xd4, 0x05, 0x00]), // fixext 1 of an unknown type
      new Uint8Array([0xc8, 0x00, 0x01, 0x7f, 0x00]), // ext 16 of an unknown type
      new Uint8Array([0x00, 0x00]), // two values: trailing byte after a complete one
      new Uint8Array(0),
    ];
    for (const bytes of cases) expectError(parseClientFrame(bytes), ErrorCode.malformedFrame, null);
    expectError(parseClientFrame(new ArrayBuffer(0)), ErrorCode.malformedFrame, null);
  });

  it("rejects every strict prefix of a valid msgpack frame with malformed_frame", () => {
    const bytes = encodeClientMessage(
      { v: 2, kind: "command", seq: 77, feature: "movement", action: "input_batch", clientTime: 1.5, payload: { inputs: [typedInput(1), typedInput(2, true)] } },
      "msgpack",
    ) as Uint8Array;
    for (let cut = 0; cut < bytes.byteLength; cut++) expectError(parseClientFrame(bytes.slice(0, cut)), ErrorCode.malformedFrame, null);
  });

  it("rejects a valid msgpack frame with trailing bytes with malformed_frame", () => {
    const bytes = encodeMsgpack({ v: 2, kind: "ping", seq: 1 });
    for (const tail of [[0x00], [0xc0], [0x81, 0xa1, 0x61, 0x01]]) {
      expectError(parseClientFrame(new Uint8Array([...bytes, ...tail])), ErrorCode.malformedFrame, null);
    }
  });

  it("rejects text that is not JSON with malformed_frame", () => {
    const cases = [
      "{\"v\":2,",
      "",
      " ",
      "{v:2,kind:'ping',seq:1}", // JS, not JSON
      "{\"v\":2,\"kind\":\"ping\",\"seq\":1,}", // trailing comma
      "{\"v\":2,\"kind\":\"ping\",\"seq\":NaN}",
      "{\"v\":2,\"kind\":\"ping\",\"seq\":Infinity}",
      "{\"v\":2,\"kind\":\"ping\",\"seq\":0x10}",
      "\uFEFF{\"v\":2,\"kind\":\"ping\",\"seq\":1}", // byte order mark
      "{\"v\":2} {\"v\":2}",
      "undefined",
      "\u0000",
    ];
    for (const text of cases) expectError(parseClientFrame(text), ErrorCode.malformedFrame, null);
    const json = JSON.stringify({ v: 2, kind: "ping", seq: 1, clientTime: 3 });
    for (let cut = 0; cut < json.length; cut++) {
      const result = parseClientFrame(json.slice(0, cut));
      // "{...,"seq":1" cut after a digit is still not JSON: every strict prefix of an object is invalid.
      expectError(result, ErrorCode.malformedFrame, null);
    }
  });

  it("enforces the frame size limit in bytes for binary frames: at the limit passes, one over fails", () => {
    // A valid ping padded to exactly MAX_FRAME_BYTES with a binary field in its (ignored) payload.
    const padded = (size: number) => {
      const base = encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: 1, payload: { pad: new Uint8Array(0) } }).byteLength;
      // bin 16 header is 3 bytes where an empty bin 8 is 2.
      const bytes = encodeMsgpack({ v: 2, kind: "ping", seq: 1, clientTime: 1, payload: { pad: new Uint8Array(size - base - 1) } });
      expect(bytes.byteLength).toBe(size);
      return bytes;
    };
    expect(parseClientFrame(padded(MAX_FRAME_BYTES))).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 1, clientTime: 1 } });
    expectError(parseClientFrame(padded(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge, null);
    expectError(parseClientFrame(new Uint8Array(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge, null);
    expectError(parseClientFrame(new ArrayBuffer(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge, null);
    // Zero bytes at the limit are not too large: they are judged on content.
    expectError(parseClientFrame(new Uint8Array(MAX_FRAME_BYTES)), ErrorCode.malformedFrame, null);
  });

  it("enforces the frame size limit in UTF-8 bytes for text frames", () => {
    const pingWithPad = (pad: string) => JSON.stringify({ v: 2, kind: "ping", seq: 1, clientTime: 1, payload: { pad } });
    const base = Buffer.byteLength(pingWithPad(""));
    const ok = { ok: true, message: { v: 2, kind: "ping", seq: 1, clientTime: 1 } };
    // ASCII: at the limit passes, one byte over fails.
    expect(parseClientFrame(pingWithPad("a".repeat(MAX_FRAME_BYTES - base)))).toEqual(ok);
    expectError(parseClientFrame(pingWithPad("a".repeat(MAX_FRAME_BYTES - base + 1))), ErrorCode.frameTooLarge, null);
    expectError(parseClientFrame("x".repeat(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge, null);
    // 2-, 3- and 4-byte characters, filled exactly to the limit with ASCII, then one byte more.
    for (const char of ["é", "€", "🙂"]) {
      const charBytes = Buffer.byteLength(char);
      const count = Math.floor((MAX_FRAME_BYTES - base) / charBytes);
      const fill = "a".repeat(MAX_FRAME_BYTES - base - count * charBytes);
      const exact = pingWithPad(char.repeat(count) + fill);
      expect(Buffer.byteLength(exact)).toBe(MAX_FRAME_BYTES);
      expect(exact.length).toBeLessThan(MAX_FRAME_BYTES); // fewer UTF-16 units than bytes
      expect(parseClientFrame(exact)).toEqual(ok);
      expectError(parseClientFrame(pingWithPad(char.repeat(count) + fill + "a")), ErrorCode.frameTooLarge, null);
    }
    // Under the limit in characters, over it in bytes.
    expectError(parseClientFrame(pingWithPad("é".repeat(9000))), ErrorCode.frameTooLarge, null);
    expectError(parseClientFrame(pingWithPad("€".repeat(6000))), ErrorCode.frameTooLarge, null);
  });

  it("counts text frame bytes exactly as UTF-8 encoding does, lone surrogates included", () => {
    const random = mulberry32(42);
    const pool = ["a", "~", "\u007f", "\u0080", "é", "\u07ff", "\u0800", "€", "\uffff", "🙂", "\u{10ffff}", "\ud800", "\udfff", "\udbff"];
    for (let i = 0; i < 300; i++) {
      let text = "";
      for (let n = Math.floor(random() * 40); n > 0; n--) text += pool[Math.floor(random() * pool.length)];
      const bytes = Buffer.byteLength(text);
      // With the limit at the exact byte length the frame is judged on content; one less, it is too large.
      const atLimit = parseClientFrame(text, bytes);
      expect(atLimit.ok ? "ok" : atLimit.code).not.toBe(ErrorCode.frameTooLarge);
      if (bytes > 0) expectError(parseClientFrame(text, bytes - 1), ErrorCode.frameTooLarge, null);
    }
    // A high surrogate followed by a 3-byte character is 3 + 3 bytes once encoded, not a 4-byte pair.
    expectError(parseClientFrame("\ud800\u0800".repeat(1000), 5999), ErrorCode.frameTooLarge, null);
  });

  it("rejects huge frames fast, without reading them", () => {
    const hugeText = "y".repeat(50_000_000);
    const hugeBinary = new Uint8Array(50_000_000);
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      expectError(parseClientFrame(hugeText), ErrorCode.frameTooLarge, null);
      expectError(parseClientFrame(hugeBinary), ErrorCode.frameTooLarge, null);
    }
    expect(performance.now() - started).toBeLessThan(250);
    // A string just over the limit with only multi-byte characters is also cheap.
    const started2 = performance.now();
    expectError(parseClientFrame("€".repeat(MAX_FRAME_BYTES + 1)), ErrorCode.frameTooLarge, null);
    expect(performance.now() - started2).toBeLessThan(50);
  });

  it("honours a custom byte limit", () => {
    const bytes = encodeMsgpack({ v: 2, kind: "ping", seq: 1 });
    expect(parseClientFrame(bytes, bytes.byteLength).ok).toBe(true);
    expectError(parseClientFrame(bytes, bytes.byteLength - 1), ErrorCode.frameTooLarge, null);
  });
});

describe("parseClientFrame: envelope errors", () => {
  it("rejects envelopes that are not maps with bad_envelope", () => {
    for (const value of [[1, 2], [], 42, 0, -1, 1.5, "hello", "", null, true, false, [{ v: 2, kind: "ping", seq: 1 }]]) {
      for (const result of bothCodecs(value)) expectError(result, ErrorCode.badEnvelope, null);
    }
    expectError(parseClientFrame(encodeMsgpack(new Uint8Array([1, 2, 3]))), ErrorCode.badEnvelope, null);
    // 0xc1 is the one byte msgpack never uses: msgpackr decodes it to a marker object, which is no envelope.
    expectError(parseClientFrame(new Uint8Array([0xc1])), ErrorCode.badEnvelope, null);
  });

  it("rejects unknown top-level keys with bad_envelope, naming the key and keeping the seq", () => {
    const cases: Array<Record<string, unknown>> = [
      { ...batch([input(1)]), admin: true },
      { v: 2, kind: "ping", seq: 5, clientTime: 1, pad: "x".repeat(15_000) },
      { v: 2, kind: "command", seq: 5, feature: "session", action: "resync", extra: null },
      { ...batch([input(1)]), Payload: {} },
    ];
    for (const value of cases) {
      const key = Object.keys(value).find((k) => !["v", "kind", "seq", "feature", "action", "clientTime", "payload"].includes(k))!;
      for (const result of bothCodecs(value)) {
        expectError(result, ErrorCode.badEnvelope, 5);
        expect(!result.ok && result.message).toContain(JSON.stringify(key));
      }
    }
    // An own "__proto__" key (JSON.parse makes one) is an unknown key like any other.
    expectError(parseClientFrame('{"v":2,"kind":"ping","seq":5,"__proto__":{"x":1}}'), ErrorCode.badEnvelope, 5);
  });

  it("accepts every allowed top-level key at once", () => {
    const value = { v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", clientTime: 9, payload: { inputs: [input(1)] } };
    for (const result of bothCodecs(value)) expect(result.ok).toBe(true);
  });

  it("rejects a missing or wrong version with unsupported_version, keeping a valid seq", () => {
    for (const v of [undefined, null, 1, 3, 2.5, -2, "2", [2], { v: 2 }, true]) {
      for (const result of bothCodecs({ v, kind: "ping", seq: 1 })) expectError(result, ErrorCode.unsupportedVersion, 1);
      for (const result of bothCodecs({ v, kind: "command", seq: 9, feature: "movement", action: "input_batch" })) {
        expectError(result, ErrorCode.unsupportedVersion, 9);
      }
    }
    // The version is checked first: with a bad seq too, it is still the version that is named, without a seq.
    for (const result of bothCodecs({ v: 1, kind: "ping", seq: -1 })) expectError(result, ErrorCode.unsupportedVersion, null);
  });

  it("rejects a missing, negative, fractional, huge or non-number seq with bad_envelope and no seq", () => {
    const seqs = [undefined, null, -1, -0.5, 1.5, 0.1, MAX_SEQ + 1, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e300, "7", "", [1], { n: 1 }, true];
    for (const seq of seqs) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq })) expectError(result, ErrorCode.badEnvelope, null);
      for (const result of bothCodecs(batch([input(1)], { seq }))) expectError(result, ErrorCode.badEnvelope, null);
    }
    // JSON number spellings that overflow or are non-integers.
    for (const spelling of ["1e400", "-1e400", "2147483648", "1.0000001", "-1"]) {
      expectError(parseClientFrame(`{"v":2,"kind":"ping","seq":${spelling}}`), ErrorCode.badEnvelope, null);
    }
    // Spellings of integers are integers.
    for (const spelling of ["1.0", "1e0", "10E-1"]) {
      expect(parseClientFrame(`{"v":2,"kind":"ping","seq":${spelling}}`)).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 1, clientTime: 0 } });
    }
  });

  it("rejects msgpack seqs of exotic types with bad_envelope", () => {
    const head = [0x83, 0xa1, 0x76, 0x02, 0xa4, ...ascii("kind"), 0xa4, ...ascii("ping"), 0xa3, ...ascii("seq")];
    // uint 64 decodes to a BigInt, negative fixint, float64 NaN, nil.
    const bigint = [0xcf, 0, 0, 0, 0, 0, 0, 0, 1];
    const negative = [0xff];
    const nan = [0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0];
    for (const seq of [bigint, negative, nan, [0xc0]]) {
      expectError(parseClientFrame(new Uint8Array([...head, ...seq])), ErrorCode.badEnvelope, null);
    }
    // A float 32 holding an integer is that integer.
    expect(parseClientFrame(new Uint8Array([...head, 0xca, 0x3f, 0x80, 0, 0]))).toMatchObject({ ok: true, message: { seq: 1 } });
  });

  it("rejects a non-finite or non-number clientTime with bad_envelope, keeping the seq", () => {
    for (const clientTime of ["noon", "123", null, true, [1], { t: 1 }]) {
      for (const result of bothCodecs({ v: 2, kind: "ping", seq: 4, clientTime })) expectError(result, ErrorCode.badEnvelope, 4);
      for (const result of bothCodecs(batch([input(1)], { clientTime }))) expectError(result, ErrorCode.badEnvelope, 5);
    }
    for (const clientTime of [Number.NaN, Infinity, -Infinity]) {
      expectError(parseClientFrame(encodeMsgpack({ v: 2, kind: "ping", seq: 4, clientTime })), ErrorCode.badEnvelope, 4);
      expectError(parseClientFrame(encodeMsgpack(batch([input(1)], { clientTime }))), ErrorCode.badEnvelope, 5);
    }
    expectError(parseClientFrame('{"v":2,"kind":"ping","seq":4,"clientTime":1e999}'), ErrorCode.badEnvelope, 4);
    expectError(parseClientFrame('{"v":2,"kind":"ping","seq":4,"clientTime":-1e999}'), ErrorCode.badEnvelope, 4);
  });

  it("rejects kinds a client may not send, server kinds included, with unknown_kind", () => {
    for (const kind of ["welcome", "snapshot", "ack", "pong", "error", "event", "Command", "PING", "", " ping", "__proto__", "constructor", 7, null, undefined, ["ping"]]) {
      for (const result of bothCodecs({ v: 2, kind, seq: 2 })) expectError(result, ErrorCode.unknownKind, 2);
    }
  });

  it("rejects unknown features with unknown_feature, prototype keys included", () => {
    const features = ["teleport", "presence", "Movement", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", 1, null, undefined, ["movement"], { movement: 1 }];
    for (const feature of features) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 2, feature, action: "input_batch" })) expectError(result, ErrorCode.unknownFeature, 2);
    }
  });

  it("rejects unknown actions with unknown_action, prototype keys and other features' actions included", () => {
    const actions = ["fly", "resync", "Input_batch", "__proto__", "constructor", "toString", "length", "0", "", 3, 0, null, undefined, ["input_batch"]];
    for (const action of actions) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 2, feature: "movement", action })) expectError(result, ErrorCode.unknownAction, 2);
    }
    for (const action of ["input_batch", "__proto__", "constructor", "includes"]) {
      for (const result of bothCodecs({ v: 2, kind: "command", seq: 2, feature: "session", action })) expectError(result, ErrorCode.unknownAction, 2);
    }
  });

  it("keeps error messages short when the client sends huge strings", () => {
    const long = "A".repeat(8000);
    for (const value of [
      { v: 2, kind: "command", seq: 2, feature: long, action: "x" },
      { v: 2, kind: "command", seq: 2, feature: "movement", action: long },
      { v: 2, kind: long, seq: 2 },
    ]) {
      for (const result of bothCodecs(value)) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message.length).toBeLessThan(200);
      }
    }
  });
});

describe("parseClientFrame: prototype pollution", () => {
  it("does not let __proto__ in JSON or msgpack pollute Object.prototype or smuggle fields", () => {
    const polluted = () => ({}) as Record<string, unknown>;
    const inputs = '[{"seq":1,"up":true,"down":false,"left":false,"right":false}]';
    const texts = [
      `{"v":2,"kind":"command","seq":1,"feature":"movement","action":"input_batch","payload":{"__proto__":{"inputs":${inputs}}}}`,
      `{"__proto__":{"v":2,"kind":"ping","seq":1,"polluted":true}}`,
      `{"v":2,"kind":"ping","seq":1,"__proto__":{"polluted":true}}`,
      `{"v":2,"kind":"command","seq":1,"feature":"movement","action":"input_batch","payload":{"inputs":[{"__proto__":{"seq":1,"up":true,"down":false,"left":false,"right":false},"polluted":1}]}}`,
      `{"v":2,"kind":"command","seq":1,"feature":"__proto__","action":"polluted","payload":{}}`,
      `{"v":2,"kind":"command","seq":1,"feature":"constructor","action":"prototype","payload":{}}`,
      `{"v":2,"kind":"command","seq":1,"constructor":{"prototype":{"polluted":true}}}`,
    ];
    const expected = [
      [ErrorCode.invalidPayload, 1],
      [ErrorCode.unsupportedVersion, null],
      // An own __proto__ key is an unknown envelope key: refused, not smuggled.
      [ErrorCode.badEnvelope, 1],
      [ErrorCode.invalidPayload, 1],
      [ErrorCode.unknownFeature, 1],
      [ErrorCode.unknownFeature, 1],
      [ErrorCode.badEnvelope, 1],
    ] as const;
    texts.forEach((text, i) => {
      const [code, seq] = expected[i]!;
      for (const result of [parseClientFrame(text), parseClientFrame(encodeMsgpack(JSON.parse(text)))]) {
        expectError(result, code, seq);
      }
    });
    expect(polluted().polluted).toBeUndefined();
    expect(polluted().inputs).toBeUndefined();
    expect(polluted().seq).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("rejects inputs and payloads whose prototype is not Object.prototype", () => {
    // Values that reach parseEnvelope directly (e.g. from another decoder) with an exotic prototype.
    const sneaky = Object.create({ seq: 1, up: true, down: false, left: false, right: false }) as object;
    expectError(parseEnvelope(batch([sneaky])), ErrorCode.invalidPayload, 5);
    const payload = Object.create({ inputs: [input(1)] }) as object;
    expectError(parseEnvelope({ ...batch([]), payload }), ErrorCode.invalidPayload, 5);
    expectError(parseEnvelope(new Map([["v", 2]])), ErrorCode.badEnvelope, null);
    expectError(parseEnvelope(new Date()), ErrorCode.badEnvelope, null);
    class Envelope { v = 2; kind = "ping"; seq = 1; }
    expectError(parseEnvelope(new Envelope()), ErrorCode.badEnvelope, null);
    // A null-prototype object is a plain map.
    const bare = Object.assign(Object.create(null) as object, { v: 2, kind: "ping", seq: 1 });
    expect(parseEnvelope(bare)).toEqual({ ok: true, message: { v: 2, kind: "ping", seq: 1, clientTime: 0 } });
  });
});

describe("parseClientFrame: input batch payload", () => {
  const cases: [string, unknown][] = [
    ["payload missing", { ...batch([]), payload: undefined }],
    ["payload null", { ...batch([]), payload: null }],
    ["payload a string", { ...batch([]), payload: "inputs" }],
    ["payload a number", { ...batch([]), payload: 1 }],
    ["payload an array", { ...batch([]), payload: [[input(1)]] }],
    ["inputs missing", { ...batch([]), payload: {} }],
    ["inputs not an array (string)", batch("not an array")],
    ["inputs not an array (object)", batch({ 0: input(1), length: 1 })],
    ["inputs not an array (null)", batch(null)],
    ["inputs empty", batch([])],
    ["inputs over MAX_INPUTS_PER_BATCH", batch(Array.from({ length: MAX_INPUTS_PER_BATCH + 1 }, (_, i) => input(i + 1)))],
    ["inputs far over MAX_INPUTS_PER_BATCH", batch(Array.from({ length: 150 }, (_, i) => input(i + 1)))],
    ["input a number", batch([5])],
    ["input null", batch([null])],
    ["input an array", batch([[1, true, false, false, false]])],
    ["input a string", batch(["up"])],
    ["second input not an object", batch([input(1), true])],
    ["input seq 0", batch([input(0)])],
    ["input seq negative", batch([input(-1)])],
    ["input seq fractional", batch([input(1.5)])],
    ["input seq over MAX_SEQ", batch([input(MAX_SEQ + 1)])],
    ["input seq a string", batch([{ ...input(1), seq: "1" }])],
    ["input seq missing", batch([{ up: true, down: false, left: false, right: false }])],
    ["input seq null", batch([{ ...input(1), seq: null }])],
    ["input seqs equal", batch([input(2), input(2)])],
    ["input seqs decreasing", batch([input(3), input(2)])],
    ["input seqs decreasing later", batch([input(1), input(5), input(9), input(4)])],
    ["up = 1", batch([input(1, { up: 1 })])],
    ["down = \"true\"", batch([input(1, { down: "true" })])],
    ["left = null", batch([input(1, { left: null })])],
    ["right = 0", batch([input(1, { right: 0 })])],
    ["up = []", batch([input(1, { up: [] })])],
    ["right missing", batch([{ seq: 1, up: true, down: false, left: false }])],
    ["up missing", batch([{ seq: 1, down: false, left: false, right: false }])],
    ["key bad in second input", batch([input(1), input(2, { left: "false" })])],
  ];
  for (const [name, value] of cases) {
    it(`rejects ${name} with invalid_payload and the envelope seq`, () => {
      for (const result of bothCodecs(value)) expectError(result, ErrorCode.invalidPayload, 5);
    });
  }

  it("names the offending input in the message", () => {
    const result = parseClientFrame(JSON.stringify(batch([input(1), input(2, { up: "yes" })])));
    expectError(result, ErrorCode.invalidPayload, 5);
    if (!result.ok) expect(result.message).toContain("inputs[1].up");
  });

  it("rejects an oversized input array without walking it", () => {
    const huge = { v: 2, kind: "command", seq: 5, feature: "movement", action: "input_batch", payload: { inputs: new Array(100_000).fill(0) } };
    const started = performance.now();
    expectError(parseEnvelope(huge), ErrorCode.invalidPayload, 5);
    expect(performance.now() - started).toBeLessThan(20);
  });
});

describe("parseClientFrame: seq on errors", () => {
  it("carries the envelope seq on every error after the envelope's seq was read, and only then", () => {
    const withSeq: [unknown, ErrorCode][] = [
      [{ v: 3, kind: "ping", seq: 11 }, ErrorCode.unsupportedVersion],
      [{ v: 2, kind: "ping", seq: 11, clientTime: "x" }, ErrorCode.badEnvelope],
      [{ v: 2, kind: "nope", seq: 11 }, ErrorCode.unknownKind],
      [{ v: 2, kind: "command", seq: 11, feature: "x" }, ErrorCode.unknownFeature],
      [{ v: 2, kind: "command", seq: 11, feature: "movement", action: "x" }, ErrorCode.unknownAction],
      [{ v: 2, kind: "command", seq: 11, feature: "movement", action: "input_batch", payload: {} }, ErrorCode.invalidPayload],
    ];
    for (const [value, code] of withSeq) for (const result of bothCodecs(value)) expectError(result, code, 11);
    // seq 0 is a valid seq and must be carried too (not dropped as falsy).
    for (const result of bothCodecs({ v: 2, kind: "nope", seq: 0 })) expectError(result, ErrorCode.unknownKind, 0);
    const withoutSeq: ParseResult[] = [
      parseClientFrame(new Uint8Array([0x92])),
      parseClientFrame("{"),
      parseClientFrame("x".repeat(MAX_FRAME_BYTES + 1)),
      ...bothCodecs([1]),
      ...bothCodecs({ v: 2, kind: "ping", seq: -3 }),
      ...bothCodecs({ v: 2, kind: "nope", seq: "11" }),
      ...bothCodecs({ v: 3, kind: "ping", seq: 1.5 }),
    ];
    for (const result of withoutSeq) {
      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty("seq");
    }
  });
});

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
