// Hostile input: random and mutated frames, msgpack extension types and decoder tricks. The validator must never
// throw, must answer fast, and anything it accepts must be a well-formed typed message.
import { Packr } from "msgpackr";
import { describe, expect, it } from "vitest";
import {
  AIM_MAX_LENGTH,
  AIM_MIN_LENGTH,
  chatTextLength,
  cleanChatText,
  encodeClientMessage,
  encodeMsgpack,
  ErrorCode,
  MAX_CHAT_TEXT_LENGTH,
  MAX_INPUTS_PER_BATCH,
  MAX_SEQ,
  parseClientFrame,
  parseEnvelope,
  type ClientMessage,
  type ParseResult,
} from "../src/index.ts";
import { batch, expectError, input, mulberry32 } from "./helpers.ts";

/** The codes parseClientFrame can produce (the rest are for the connection and room to use). */
const VALIDATOR_CODES: string[] = [
  ErrorCode.frameTooLarge,
  ErrorCode.malformedFrame,
  ErrorCode.badEnvelope,
  ErrorCode.unsupportedVersion,
  ErrorCode.unknownKind,
  ErrorCode.unknownFeature,
  ErrorCode.unknownAction,
  ErrorCode.invalidPayload,
];

/** Parses without letting an exception escape, and checks the result's invariants (cheaply: this runs 80k times). */
function parseChecked(frame: string | Uint8Array): ParseResult {
  let result: ParseResult;
  try {
    result = parseClientFrame(frame);
  } catch (error) {
    throw new Error(`parseClientFrame threw on ${describeFrame(frame)}: ${String(error)}`);
  }
  const problem = invariantViolation(result);
  if (problem) throw new Error(`${problem} for ${describeFrame(frame)}: ${JSON.stringify(result)}`);
  return result;
}

function describeFrame(frame: string | Uint8Array): string {
  return typeof frame === "string" ? JSON.stringify(frame.slice(0, 300)) : `bytes [${[...frame.subarray(0, 300)].join(",")}]`;
}

const isSeq = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_SEQ;
const sameKeys = (value: object, keys: string[]) => Object.keys(value).sort().join() === keys.join();

/** Returns what is wrong with a parse result, or null. */
function invariantViolation(result: ParseResult): string | null {
  if (!result.ok) {
    if (!VALIDATOR_CODES.includes(result.code)) return `unexpected code ${result.code}`;
    if (typeof result.message !== "string" || result.message.length === 0) return "empty message";
    if ("seq" in result && !isSeq(result.seq)) return "error seq is not a valid seq";
    return null;
  }
  const message: ClientMessage = result.message;
  if (message.v !== 2 || !isSeq(message.seq)) return "bad v or seq";
  if (message.kind === "ping") {
    if (!sameKeys(message, ["clientTime", "kind", "seq", "v"]) || !Number.isFinite(message.clientTime)) return "bad ping";
  } else {
    if (message.kind !== "command") return "bad kind";
    if (message.clientTime !== undefined && !Number.isFinite(message.clientTime)) return "bad clientTime";
    if (message.action === "input_batch") {
      if (message.feature !== "movement") return "bad feature";
      if (!sameKeys(message, ["action", "feature", "kind", "payload", "seq", "v", ...(message.clientTime === undefined ? [] : ["clientTime"])].sort())) return "extra keys";
      if (!sameKeys(message.payload, ["inputs"])) return "extra payload keys";
      const { inputs } = message.payload;
      if (!Array.isArray(inputs) || inputs.length < 1 || inputs.length > MAX_INPUTS_PER_BATCH) return "bad inputs length";
      let previous = 0;
      for (const each of inputs) {
        // The movement keys, and optionally: a build action; fire with its aim (only `fire: true` is kept, and the
        // aim only with it); viewTime.
        const keys = ["down", "left", "right", "seq", "up"];
        if (each.build !== undefined) keys.push("build");
        if (each.fire !== undefined || each.aimX !== undefined || each.aimY !== undefined) keys.push("aimX", "aimY", "fire");
        if (each.viewTime !== undefined) keys.push("viewTime");
        if (!sameKeys(each, keys.sort())) return "bad input keys";
        if (each.fire !== undefined) {
          if (each.fire !== true || !Number.isFinite(each.aimX) || !Number.isFinite(each.aimY)) return "bad fire fields";
          const length = Math.hypot(each.aimX!, each.aimY!);
          if (!(length >= AIM_MIN_LENGTH && length <= AIM_MAX_LENGTH)) return "bad aim length";
        }
        if (each.viewTime !== undefined && !(Number.isFinite(each.viewTime) && each.viewTime >= 0)) return "bad viewTime";
        if (each.build !== undefined) {
          const { build } = each;
          if (!sameKeys(build, build.op === "place" ? ["kind", "op", "tx", "ty"] : ["op", "tx", "ty"])) return "bad build keys";
          for (const tile of [build.tx, build.ty]) if (!Number.isSafeInteger(tile)) return "bad build tile";
          if (build.op === "place" && !["wall", "crate", "floor"].includes(build.kind)) return "bad build kind";
        }
        if (!isSeq(each.seq) || each.seq <= previous) return "bad input seq";
        previous = each.seq;
        for (const key of ["up", "down", "left", "right"] as const) if (typeof each[key] !== "boolean") return "bad input key";
      }
    } else if (message.feature === "chat") {
      if (message.action !== "send") return "bad chat action";
      const { payload } = message;
      if (!sameKeys(payload, ["scope", "text"])) return "bad chat.send keys";
      if (payload.scope !== "room" && payload.scope !== "nearby") return "bad chat scope";
      if (typeof payload.text !== "string" || cleanChatText(payload.text) !== payload.text) return "chat text not clean";
      const length = chatTextLength(payload.text);
      if (length < 1 || length > MAX_CHAT_TEXT_LENGTH) return "bad chat text length";
    } else if (message.feature === "build") {
      const { payload } = message;
      const ok = sameKeys(payload, ["clear"]) ? "clear" in payload && payload.clear === true : sameKeys(payload, ["kind", "tx", "ty"]);
      if (!ok) return "bad build.preview payload";
    } else if (message.feature !== "session" || message.action !== "resync" || "payload" in message) {
      return "bad command";
    }
  }
  // An accepted message is a fixed point of validation: it carries nothing the validator would not produce.
  const again = parseEnvelope(structuredClone(message));
  if (JSON.stringify(again) !== JSON.stringify(result)) return "not a fixed point of parseEnvelope";
  return null;
}

/** Which of the validators' accepted shapes an accepted message shows (so a fuzz run can prove it reached them). */
function acceptedShapes(result: ParseResult, tally: { fire: number; viewTime: number; chat: number }): void {
  if (!result.ok || result.message.kind !== "command") return;
  const { message } = result;
  if (message.feature === "chat") tally.chat++;
  if (message.action !== "input_batch") return;
  if (message.payload.inputs.some((each) => each.fire === true)) tally.fire++;
  if (message.payload.inputs.some((each) => each.viewTime !== undefined)) tally.viewTime++;
}

const seedFrames: ClientMessage[] = [
  { v: 2, kind: "ping", seq: 1, clientTime: 1234.5 },
  { v: 2, kind: "command", seq: 2, feature: "session", action: "resync" },
  {
    v: 2, kind: "command", seq: 300, feature: "movement", action: "input_batch", clientTime: 99,
    payload: { inputs: [{ seq: 1, up: true, down: false, left: true, right: false }, { seq: 2, up: false, down: true, left: false, right: true }] },
  },
  {
    v: 2, kind: "command", seq: 301, feature: "movement", action: "input_batch",
    payload: {
      inputs: [
        { seq: 3, up: false, down: false, left: false, right: true, build: { op: "place", tx: -64, ty: 63, kind: "crate" } },
        { seq: 4, up: false, down: false, left: false, right: false, build: { op: "remove", tx: 5, ty: -7 } },
      ],
    },
  },
  { v: 2, kind: "command", seq: 302, feature: "build", action: "preview", payload: { tx: 1, ty: 2, kind: "wall" } },
  { v: 2, kind: "command", seq: 303, feature: "build", action: "preview", payload: { clear: true } },
  // Fire fields (combat-validators.ts parseFireFields): fire with an aim, viewTime alone, and both with a build.
  {
    v: 2, kind: "command", seq: 304, feature: "movement", action: "input_batch", clientTime: 1e6,
    payload: {
      inputs: [
        { seq: 7, up: true, down: false, left: false, right: false, fire: true, aimX: 0.6, aimY: -0.8, viewTime: 1_700_000_000_123.5 },
        { seq: 8, up: false, down: false, left: true, right: false, viewTime: 0 },
        { seq: 9, up: false, down: true, left: false, right: false, fire: true, aimX: -1.25, aimY: 0.5, build: { op: "remove", tx: 0, ty: 0 } },
      ],
    },
  },
  // chat.send (chat-validators.ts parseChatSend); every seed is a fixed point, so it carries its scope.
  { v: 2, kind: "command", seq: 305, feature: "chat", action: "send", payload: { text: "hello 🦊 world", scope: "room" } },
  { v: 2, kind: "command", seq: 306, feature: "chat", action: "send", clientTime: 5, payload: { text: "/w bob hi", scope: "nearby" } },
  { v: 2, kind: "command", seq: 307, feature: "chat", action: "send", payload: { text: "x", scope: "room" } },
];

describe("hostile frames: fuzzing", () => {
  it("never throws on random bytes (seeded): always a validator error or a valid message", () => {
    const random = mulberry32(0x5eed);
    const byte = () => Math.floor(random() * 256);
    const started = performance.now();
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 160)).map(byte);
      // Half of the frames start like a map, so the decoder goes deeper than the first byte.
      if (i % 2 === 0 && bytes.length > 0) bytes[0] = 0x80 | Math.floor(random() * 8);
      const t = performance.now();
      parseChecked(bytes);
      worst = Math.max(worst, performance.now() - t);
    }
    expect(worst).toBeLessThan(50);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("never throws on mutated valid msgpack frames (bit flips, byte changes, insertions, deletions)", () => {
    const random = mulberry32(0xbadf00d);
    const int = (n: number) => Math.floor(random() * n);
    const seeds = seedFrames.map((message) => encodeClientMessage(message, "msgpack") as Uint8Array);
    let accepted = 0;
    let rejected = 0;
    const shapes = { fire: 0, viewTime: 0, chat: 0 };
    for (let i = 0; i < 20_000; i++) {
      const bytes = [...seeds[i % seeds.length]!];
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(bytes.length);
        const op = int(4);
        if (op === 0) bytes[at] = bytes[at]! ^ (1 << int(8));
        else if (op === 1) bytes[at] = int(256);
        else if (op === 2) bytes.splice(at, 0, int(256));
        else bytes.splice(at, 1);
      }
      const result = parseChecked(new Uint8Array(bytes));
      if (result.ok) accepted++;
      else rejected++;
      acceptedShapes(result, shapes);
    }
    // Both outcomes happen, so the fuzzing reaches the validator's branches and not only the decoder's.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
    // Mutants of the fire and chat seeds get through too: parseFireFields and parseChatSend are fuzzed, not only parsed.
    for (const [shape, count] of Object.entries(shapes)) expect(count, shape).toBeGreaterThan(20);
  });

  it("never throws on mutated valid JSON text frames", () => {
    const random = mulberry32(0x15011);
    const int = (n: number) => Math.floor(random() * n);
    const seeds = seedFrames.map((message) => encodeClientMessage(message, "json") as string);
    const alphabet = '{}[]":,0123456789-.eE truefalsnul\\u\u00e9\u20ac\ud83d\ude42\ud800';
    let accepted = 0;
    const shapes = { fire: 0, viewTime: 0, chat: 0 };
    for (let i = 0; i < 20_000; i++) {
      let text = seeds[i % seeds.length]!;
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(text.length);
        const op = int(3);
        const char = alphabet[int(alphabet.length)]!;
        if (op === 0) text = text.slice(0, at) + char + text.slice(at + 1);
        else if (op === 1) text = text.slice(0, at) + char + text.slice(at);
        else text = text.slice(0, at) + text.slice(at + 1);
      }
      const result = parseChecked(text);
      if (result.ok) accepted++;
      acceptedShapes(result, shapes);
    }
    expect(accepted).toBeGreaterThan(100);
    for (const [shape, count] of Object.entries(shapes)) expect(count, shape).toBeGreaterThan(20);
  });

  it("never throws on random structured values with the envelope's keys and wrong-typed values", () => {
    const random = mulberry32(0xa11ce);
    const int = (n: number) => Math.floor(random() * n);
    const atoms: unknown[] = [
      0, 1, -1, 2, 1.5, MAX_SEQ, MAX_SEQ + 1, Number.NaN, Infinity, "", "2", "command", "ping", "movement", "session",
      "input_batch", "resync", "__proto__", "constructor", true, false, null, undefined, [], {},
    ];
    const value = (depth: number): unknown => {
      const pick = int(depth > 2 ? 1 : 4);
      if (pick === 0) return atoms[int(atoms.length)];
      if (pick === 1) return Array.from({ length: int(4) }, () => value(depth + 1));
      if (pick === 2) return { inputs: Array.from({ length: int(18) }, () => (int(3) === 0 ? value(depth + 1) : input(int(5), { up: int(2) === 0 }))) };
      return { seq: value(depth + 1), up: value(depth + 1), down: false, left: false, right: false };
    };
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const envelope: Record<string, unknown> = {
        v: int(4) === 0 ? value(2) : 2,
        kind: int(4) === 0 ? value(2) : ["command", "ping"][int(2)],
        seq: int(4) === 0 ? value(2) : int(1000),
        feature: int(4) === 0 ? value(2) : ["movement", "session"][int(2)],
        action: int(4) === 0 ? value(2) : ["input_batch", "resync"][int(2)],
        payload: value(0),
      };
      if (int(2) === 0) envelope.clientTime = value(2);
      const results = [parseChecked(encodeMsgpack(envelope))];
      let text: string | undefined;
      try {
        text = JSON.stringify(envelope);
      } catch {
        // cannot happen for these values, but JSON is not the system under test here
      }
      if (text !== undefined) results.push(parseChecked(text));
      if (results.every((result) => result.ok)) accepted++;
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it("refuses every otherwise-valid frame that carries one extra top-level key, whatever its name or value", () => {
    const random = mulberry32(0x5eed);
    const names = ["pad", "x", "", "__proto__", "constructor", "toString", "V", "Kind", "seq ", "payload\u0000", "0", "ÿ", "🦊"];
    const values: unknown[] = [null, 0, "x".repeat(1000), [], {}, true];
    const valid: Record<string, unknown>[] = [batch([input(1)]), { v: 2, kind: "ping", seq: 5, clientTime: 1 }, { v: 2, kind: "command", seq: 5, feature: "session", action: "resync" }];
    for (let i = 0; i < 500; i++) {
      const envelope = { ...valid[i % valid.length]! };
      Object.defineProperty(envelope, names[Math.floor(random() * names.length)]!, { value: values[Math.floor(random() * values.length)], enumerable: true });
      for (const frame of [encodeMsgpack(envelope), JSON.stringify(envelope)]) expectError(parseChecked(frame), ErrorCode.badEnvelope, 5);
    }
  });

  it("survives deeply nested msgpack and JSON without throwing", () => {
    const depth = 15_000;
    const nestedArrays = new Uint8Array(depth + 1).fill(0x91);
    nestedArrays[depth] = 0x01;
    expect(parseChecked(nestedArrays).ok).toBe(false);
    // The same nesting inside a valid envelope's payload.
    const head = encodeMsgpack({ v: 2, kind: "command", seq: 3, feature: "movement", action: "input_batch" });
    const nestedPayload = new Uint8Array([head[0]! + 1, ...head.subarray(1), 0xa7, ...[..."payload"].map((c) => c.charCodeAt(0)), ...nestedArrays]);
    expect(parseChecked(nestedPayload).ok).toBe(false);
    expect(parseChecked("[".repeat(5000) + "]".repeat(5000)).ok).toBe(false);
    const nestedJsonPayload = `{"v":2,"kind":"command","seq":3,"feature":"movement","action":"input_batch","payload":{"inputs":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
    expectError(parseChecked(nestedJsonPayload), ErrorCode.invalidPayload, 3);
  });
});

describe("hostile frames: msgpack types and extensions", () => {
  const ping = { v: 2, kind: "ping", seq: 1, clientTime: 0 };

  it("decodes msgpack maps with non-string keys as objects (number keys become strings, and are unknown keys)", () => {
    const packer = new Packr({ useRecords: false, mapsAsObjects: false, variableMapSize: true });
    const withNumberKey = new Map<unknown, unknown>([["v", 2], ["kind", "ping"], ["seq", 1], [7, "x"]]);
    expectError(parseChecked(packer.pack(withNumberKey)), ErrorCode.badEnvelope, 1);
    const onlyKnownKeys = new Map<unknown, unknown>([["v", 2], ["kind", "ping"], ["seq", 1], ["clientTime", 0]]);
    expect(parseChecked(packer.pack(onlyKnownKeys))).toEqual({ ok: true, message: ping });
    // A key that is itself a map or an array is refused by the decoder.
    for (const key of [new Map([["a", 1]]), [1, 2]]) {
      const bytes = packer.pack(new Map<unknown, unknown>([["v", 2], ["kind", "ping"], ["seq", 1], [key, 1]]));
      expectError(parseChecked(bytes), ErrorCode.malformedFrame, null);
    }
  });

  it("rejects bin, ext and other exotic top-level values with bad_envelope", () => {
    const exotic: [string, number[]][] = [
      ["bin 8", [0xc4, 0x02, 0x81, 0x00]],
      ["timestamp 32 (ext -1)", [0xd6, 0xff, 0, 0, 0, 1]],
      ["timestamp 64", [0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 1]],
      ["timestamp of a bad length", [0xc7, 0x03, 0xff, 0, 0, 1]],
      ["ext 0 (undefined)", [0xd4, 0x00, 0x00]],
      ["msgpackr Set (ext 0x73)", [0xd4, 0x73, 0x00, 0x91, 0x01]],
      ["msgpackr Error (ext 0x65)", [0xd4, 0x65, 0x00, 0x92, 0xa5, ...ascii("Error"), 0xa1, 0x78]],
      ["msgpackr RegExp (ext 0x78)", [0xd4, 0x78, 0x00, 0x92, 0xa3, ...ascii("a+b"), 0xa1, ...ascii("g")]],
      ["msgpackr typed array (ext 0x74)", [0xc7, 0x05, 0x74, 0x01, 1, 2, 3, 4]],
      ["msgpackr BigInt (ext 0x42)", [0xd4, 0x42, 0x05]],
    ];
    for (const [name, bytes] of exotic) {
      const result = parseChecked(new Uint8Array(bytes));
      expect(result.ok ? "ok" : result.code, name).toBe(ErrorCode.badEnvelope);
    }
    // The same values where a field should be: the field is wrong, the envelope is not.
    const set = [0xd4, 0x73, 0x00, 0x91, 0x01];
    const head = [0x83, 0xa1, 0x76, 0x02, 0xa4, ...ascii("kind"), 0xa4, ...ascii("ping"), 0xa3, ...ascii("seq")];
    expectError(parseChecked(new Uint8Array([...head, ...set])), ErrorCode.badEnvelope, null);
  });

  it("rejects unknown extension types and malformed extension bodies with malformed_frame", () => {
    const cases: number[][] = [
      [0xd4, 0x10, 0x00], // unknown ext type 0x10
      [0xc7, 0x01, 0x7f, 0x00], // unknown ext type 0x7f
      [0xd4, 0x70, 0x00], // a structured-clone pointer to nothing
      [0xd4, 0x65, 0x00, 0xc0], // Error from nil
      [0xd4, 0x78, 0x00, 0x92, 0xa1, ...ascii("("), 0xa0], // RegExp that does not compile
      [0xc7, 0x04, 0x74, 0x7e, 1, 2, 3], // typed array of an unknown type
      [0xc7, 0x04, 0x74, 0x08, 1, 2, 3], // Float64Array from 3 bytes
      [0xd6, 0x62, 0xff, 0xff, 0xff, 0xff], // bundled strings pointing far past the end
    ];
    for (const bytes of cases) expectError(parseChecked(new Uint8Array(bytes)), ErrorCode.malformedFrame, null);
  });

  it("survives msgpackr's Error extension naming prototype members", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "__defineGetter__", "__lookupGetter__", "valueOf"]) {
      const envelope = encodeMsgpack({ v: 2, kind: "ping", seq: 1 });
      const bytes = new Uint8Array([0xd4, 0x65, 0x00, 0x92, 0xa0 | name.length, ...ascii(name), ...envelope]);
      parseChecked(bytes);
    }
    expect(Object.prototype).not.toHaveProperty("Error");
  });

  it("accepts an envelope a msgpackr client packed with records (a plain object once decoded)", () => {
    const packer = new Packr({ useRecords: true });
    for (const message of seedFrames) {
      const bytes = packer.pack(message);
      expect(bytes[0]).toBe(0xd4); // starts with a record definition, not a map
      expect(parseChecked(bytes)).toEqual({ ok: true, message });
    }
  });

  it("rejects msgpackr structured-clone references (shared or cyclic values) with malformed_frame", () => {
    const packer = new Packr({ structuredClone: true, useRecords: false });
    const inputs = [input(1, { up: true })];
    const shared = packer.pack({ ...batch(inputs), copy: inputs });
    expect([...shared].some((b, i) => b === 0x70 && shared[i - 1] === 0xd6)).toBe(true); // a pointer is in there
    expectError(parseChecked(shared), ErrorCode.malformedFrame, null);
    const cyclic: Record<string, unknown> = { v: 2, kind: "ping", seq: 1 };
    cyclic.self = cyclic;
    expectError(parseChecked(packer.pack(cyclic)), ErrorCode.malformedFrame, null);
  });

  it("rejects a few hundred bytes of structured-clone references fast (no exponential blow-up)", () => {
    // Level k is an array holding level k-1 and a pointer to it: 2^levels nodes once expanded. msgpackr's decoder
    // builds that DAG in linear time, but its "trailing bytes" error path JSON-stringifies the decoded value, which
    // expands it: 24 levels (321 bytes) took 3.6 s, every level doubles it. It must be refused before that.
    const frame = structuredCloneBomb(20, true);
    expect(frame.byteLength).toBeLessThan(300);
    const started = performance.now();
    expectError(parseChecked(frame), ErrorCode.malformedFrame, null);
    expect(performance.now() - started).toBeLessThan(50);
    // Without trailing bytes it is refused as well, not handed to the envelope check.
    expectError(parseChecked(structuredCloneBomb(20, false)), ErrorCode.malformedFrame, null);
  });
});

/** id(L)[ id(L-1)[ … id(0)"x" … ptr(L-2) ] ptr(L-1) ] — a DAG of 2^L leaves in ~13·L bytes. */
function structuredCloneBomb(levels: number, trailingByte: boolean): Uint8Array {
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const bytes: number[] = [];
  for (let k = levels; k >= 1; k--) bytes.push(0xd6, 0x69, ...u32(k), 0x92);
  bytes.push(0xd6, 0x69, ...u32(0), 0xa1, 0x78);
  for (let k = 1; k <= levels; k++) bytes.push(0xd6, 0x70, ...u32(k - 1));
  if (trailingByte) bytes.push(0xc0);
  return new Uint8Array(bytes);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
