// Server → client codec: every server kind in both codecs, the compact movement channel, and its byte cost.
import { describe, expect, it } from "vitest";
import {
  applySnapshot,
  createReplica,
  decodeMsgpack,
  decodeServerMessage,
  encodeMsgpack,
  encodeServerMessage,
  MAX_TELEPORT,
  nextTeleport,
  packMovement,
  unpackMovement,
  WIRE_UNITS_PER_METRE,
  type ChannelPatch,
  type Codec,
  type MovementFields,
  type PresenceFields,
  type ServerMessage,
  type SnapshotMessage,
  type SnapshotPayload,
} from "../src/index.ts";
import { mulberry32, toArrayBuffer } from "./helpers.ts";

const CODECS: Codec[] = ["msgpack", "json"];

const presence = (n: number): PresenceFields => ({
  kind: "player", playerId: `user_${n}`, name: `Player ${n}`, connected: true, characterId: `c${n}`, characterClass: "warrior", color: "#e8590c", cosmetics: "hat,cape",
});

const snapshot = (mode: "full" | "delta", features: SnapshotPayload["features"], ackInputSeq = 7): SnapshotMessage => ({
  v: 2, kind: "snapshot", payload: { mode, tick: 30, serverTime: 1_700_000_000_002, ackInputSeq, features },
});

const messages: [string, ServerMessage][] = [
  ["welcome", {
    v: 2, kind: "welcome",
    payload: {
      roomCode: "r1", kind: "room", world: { minTile: -64, maxTile: 63, spawnRing: { minRadius: 4, maxRadius: 8 } }, playerId: "alice", entityId: "1", resumeToken: "tok", resumeTokenTtl: 600, resumed: false,
      lastInputSeq: 0, tickRate: 30, snapshotRate: 10, tick: 5, serverTime: 1_700_000_000_000, protocol: 2,
    },
  }],
  ["welcome (resumed)", {
    v: 2, kind: "welcome",
    payload: {
      roomCode: "lobby-1_a", kind: "plaza", world: { minTile: -256, maxTile: 255 }, playerId: "user_2abc", entityId: "65535", resumeToken: "x".repeat(43), resumeTokenTtl: 0.5, resumed: true,
      lastInputSeq: 2 ** 31 - 1, tickRate: 30, snapshotRate: 10, tick: 2 ** 32 - 1, serverTime: 1_700_000_000_000.25, protocol: 2,
    },
  }],
  ["ack", { v: 2, kind: "ack", seq: 3, payload: { seq: 3 } }],
  ["ack of seq 0", { v: 2, kind: "ack", seq: 0, payload: { seq: 0 } }],
  ["pong", { v: 2, kind: "pong", seq: 4, payload: { clientTime: 12.5, serverTime: 1_700_000_000_001 } }],
  ["error with seq", { v: 2, kind: "error", seq: 9, payload: { code: "invalid_payload", message: "bad", seq: 9 } }],
  ["error without seq", { v: 2, kind: "error", payload: { code: "malformed_frame", message: "binary frame is not valid msgpack" } }],
  ["event join", { v: 2, kind: "event", feature: "presence", action: "join", payload: { entityId: "2", playerId: "bob", name: "Bob ✨" } }],
  ["event leave", { v: 2, kind: "event", feature: "presence", action: "leave", payload: { entityId: "2", playerId: "bob", reason: "closed" } }],
  ["snapshot full", snapshot("full", {
    presence: { set: { "0": presence(0), "1": presence(1), "65535": presence(65535) } },
    movement: { set: { "0": { x: 0, y: 0, vx: 0, vy: 0 }, "1": { x: 1.5, y: -63.99609375, vx: 6, vy: -0.00390625 }, "65535": { x: -128, y: 127.99609375, vx: 0, vy: 0 } } },
  })],
  ["snapshot delta with partial fields and removes", snapshot("delta", {
    movement: { set: { "1": { x: 2 }, "2": { vy: -0.5, y: 3.25 }, "3": {} }, remove: ["7", "65535"] },
    presence: { set: { "1": { connected: false } }, remove: ["7"] },
  })],
  ["snapshot delta with removes only", snapshot("delta", { movement: { remove: ["4"] }, presence: { remove: ["4"] } })],
  ["snapshot delta with an empty set", snapshot("delta", { movement: { set: {} } })],
  ["snapshot delta with an empty channel", snapshot("delta", { movement: {} })],
  ["snapshot with no channels", snapshot("full", {})],
];

describe("server codec: round trips", () => {
  for (const codec of CODECS) {
    for (const [name, message] of messages) {
      it(`round-trips ${name} through ${codec}`, () => {
        const frame = encodeServerMessage(message, codec);
        expect(typeof frame).toBe(codec === "json" ? "string" : "object");
        expect(decodeServerMessage(frame)).toEqual(message);
        if (typeof frame !== "string") {
          // As the hibernation API delivers it: an ArrayBuffer of exactly the frame.
          expect(decodeServerMessage(toArrayBuffer(frame))).toEqual(message);
        }
      });
    }
  }

  it("does not mutate the message it encodes", () => {
    const [, message] = messages.find(([name]) => name === "snapshot full")!;
    const before = structuredClone(message);
    encodeServerMessage(message, "msgpack");
    encodeServerMessage(message, "json");
    expect(message).toEqual(before);
  });

  it("carries exactly the logical shape in JSON mode, and the compact movement form only in msgpack", () => {
    const [, message] = messages.find(([name]) => name === "snapshot full")!;
    expect(JSON.parse(encodeServerMessage(message, "json") as string)).toEqual(message);
    const raw = decodeMsgpack(encodeServerMessage(message, "msgpack") as Uint8Array) as {
      payload: { features: { movement: Record<string, unknown>; presence: unknown } };
    };
    expect(Object.keys(raw.payload.features.movement).sort()).toEqual(["p"]);
    expect(raw.payload.features.movement.p).toBeInstanceOf(Uint8Array);
    // Presence stays in the logical shape.
    expect(raw.payload.features.presence).toEqual((message as SnapshotMessage).payload.features.presence);
  });

  it("round-trips random movement patches exactly for values on the 1/256 grid, in both codecs", () => {
    const random = mulberry32(256);
    const int = (n: number) => Math.floor(random() * n);
    for (let i = 0; i < 300; i++) {
      const set: Record<string, Partial<MovementFields>> = {};
      const ids = new Set<number>();
      for (let n = int(70); n > 0; n--) ids.add(int(4) === 0 ? 65535 - int(3) : int(65536));
      for (const id of ids) {
        const fields: Partial<MovementFields> = {};
        for (const key of ["x", "y", "vx", "vy"] as const) {
          if (int(3) !== 0) fields[key] = (int(65536) - 32768) / WIRE_UNITS_PER_METRE;
        }
        if (int(4) === 0) fields.teleport = int(MAX_TELEPORT + 1);
        set[String(id)] = fields;
      }
      const movement: ChannelPatch<MovementFields> = int(5) === 0 ? {} : { set };
      if (int(2) === 0) movement.remove = Array.from({ length: 1 + int(5) }, () => String(int(65536)));
      const message = snapshot(int(2) === 0 ? "full" : "delta", { movement }, int(1000));
      for (const codec of CODECS) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
    }
  });

  it("encodes a shared movement patch once and still sends each connection its own ackInputSeq", () => {
    const movement = { set: { "1": { x: 1, y: 2, vx: 0, vy: 0 } } };
    const forAlice = snapshot("delta", { movement }, 10);
    const forBob = snapshot("delta", { movement }, 20);
    expect(decodeServerMessage(encodeServerMessage(forAlice, "msgpack"))).toEqual(forAlice);
    expect(decodeServerMessage(encodeServerMessage(forBob, "msgpack"))).toEqual(forBob);
    expect(encodeServerMessage(forAlice, "msgpack")).toEqual(encodeServerMessage(forAlice, "msgpack"));
  });

  it("merges decoded deltas into a replica to the same state as the logical deltas", () => {
    const logical = createReplica();
    const wire = createReplica();
    const steps = [
      messages.find(([name]) => name === "snapshot full")![1],
      messages.find(([name]) => name === "snapshot delta with partial fields and removes")![1],
      messages.find(([name]) => name === "snapshot delta with removes only")![1],
    ] as SnapshotMessage[];
    for (const step of steps) {
      applySnapshot(logical, step.payload);
      applySnapshot(wire, (decodeServerMessage(encodeServerMessage(step, "msgpack")) as SnapshotMessage).payload);
    }
    expect(wire).toEqual(logical);
    expect(wire.get("movement")!.get("1")).toEqual({ x: 2, y: -63.99609375, vx: 6, vy: -0.00390625 });
    expect(wire.get("movement")!.has("65535")).toBe(false);
  });
});

describe("server codec: bad frames", () => {
  it("throws on frames that are not server envelopes", () => {
    for (const frame of ["[1,2]", "42", "null", '"welcome"', "{}", '{"kind":7}', "{", ""]) expect(() => decodeServerMessage(frame)).toThrow();
    for (const value of [[1, 2], 42, null, "welcome", {}, { kind: 7 }]) expect(() => decodeServerMessage(encodeMsgpack(value))).toThrow(TypeError);
    expect(() => decodeServerMessage(new Uint8Array([0x92, 0x01]))).toThrow();
    expect(() => decodeServerMessage(new Uint8Array(0))).toThrow();
  });

  it("throws on every truncation of a msgpack snapshot frame", () => {
    const [, message] = messages.find(([name]) => name === "snapshot delta with partial fields and removes")!;
    const frame = encodeServerMessage(message, "msgpack") as Uint8Array;
    for (let cut = 0; cut < frame.byteLength; cut++) expect(() => decodeServerMessage(frame.slice(0, cut)), `cut at ${cut}`).toThrow();
  });

  it("throws when a snapshot's movement records are truncated inside the frame", () => {
    const packed = packMovement({ set: { "1": { x: 1, y: 2 }, "2": { x: 1, y: 2, vx: 3, vy: 4 } } });
    const p = packed.p!;
    expect(p.byteLength).toBe(7 + 11);
    for (let cut = 1; cut < p.byteLength; cut++) {
      const frame = encodeMsgpack({ v: 2, kind: "snapshot", payload: { mode: "delta", tick: 1, serverTime: 0, ackInputSeq: 0, features: { movement: { p: p.slice(0, cut) } } } });
      if (cut === 7) expect(decodeServerMessage(frame)).toMatchObject({ payload: { features: { movement: { set: { "1": { x: 1, y: 2 } } } } } });
      else expect(() => decodeServerMessage(frame), `cut at ${cut}`).toThrow(RangeError);
    }
  });

  it("throws on movement channels of the wrong types", () => {
    const withMovement = (movement: unknown) =>
      encodeMsgpack({ v: 2, kind: "snapshot", payload: { mode: "delta", tick: 1, serverTime: 0, ackInputSeq: 0, features: { movement } } });
    expect(() => decodeServerMessage(withMovement({ p: "nope" }))).toThrow(TypeError);
    expect(() => decodeServerMessage(withMovement({ p: [1, 0, 1, 0, 0] }))).toThrow(TypeError);
    expect(() => decodeServerMessage(withMovement({ r: 5 }))).toThrow(TypeError);
    expect(() => decodeServerMessage(encodeMsgpack({ v: 2, kind: "snapshot", payload: {} }))).toThrow(TypeError);
  });
});

describe("compact movement channel", () => {
  it("restores exact values, partial fields, removes and the range ends", () => {
    const patch = {
      set: {
        "0": { x: -128, y: 127.99609375, vx: 1 / 256, vy: -1 / 256 },
        "3": { x: 12.25, vy: -5.99609375 },
        "4": {},
        "65535": { y: 0 },
      } as Record<string, Partial<MovementFields>>,
      remove: ["9", "10", "0", "65535"],
    };
    expect(unpackMovement(packMovement(patch))).toEqual(patch);
    expect(unpackMovement(packMovement({ set: {} }))).toEqual({ set: {} });
    expect(unpackMovement(packMovement({ remove: ["1"] }))).toEqual({ remove: ["1"] });
    expect(unpackMovement(packMovement({}))).toEqual({});
  });

  it("drops an empty remove list (equivalent for a replica)", () => {
    expect(packMovement({ set: {}, remove: [] })).not.toHaveProperty("r");
    expect(unpackMovement(packMovement({ set: { "1": { x: 1 } }, remove: [] }))).toEqual({ set: { "1": { x: 1 } } });
  });

  it("puts values off the 1/256 grid on the nearest grid point", () => {
    const round = (x: number) => unpackMovement(packMovement({ set: { "1": { x } } })).set!["1"]!.x;
    expect(round(0.001)).toBe(0);
    expect(round(0.003)).toBe(1 / 256);
    expect(round(-1.0019)).toBe(-1);
    expect(round(1 / 3)).toBe(85 / 256);
  });

  it("throws on values beyond ±1,024 m (the wire's promise: worlds up to 2,048 m across) and on non-finite values", () => {
    for (const x of [1024.00390625, -1024.00390625, 1025, -2000, 1e6, Infinity, -Infinity, Number.NaN]) {
      expect(() => packMovement({ set: { "1": { x } } }), String(x)).toThrow(RangeError);
      expect(() => packMovement({ set: { "1": { vy: x } } }), String(x)).toThrow(RangeError);
    }
  });

  it("keeps a 128 m room's records byte for byte (int16), and carries a plaza's positions exactly in wide records", () => {
    // Entity 1 at (-64, 63.99609375) moving (6, -6): the 11 bytes rooms have always sent, no wide bit.
    const room = packMovement({ set: { "1": { x: -64, y: 63.99609375, vx: 6, vy: -6 }, "2": { x: 127.99609375, y: -128 } } });
    expect([...room.p!]).toEqual([1, 0, 0x0f, 0x00, 0xc0, 0xff, 0x3f, 0x00, 0x06, 0x00, 0xfa, 2, 0, 0x03, 0xff, 0x7f, 0x00, 0x80]);
    // A body 900 m out (a 2,048 m world): int32 for every field of that record only; its neighbour stays int16.
    const far = { x: 900.00390625, y: -1024, vx: 5.99609375, vy: 0 };
    const wide = packMovement({ set: { "7": far, "8": { x: 1, y: 2 }, "9": { x: 128 } } });
    expect([...wide.p!.subarray(0, 19)]).toEqual([7, 0, 0x2f, 0x01, 0x84, 0x03, 0x00, 0x00, 0x00, 0xfc, 0xff, 0xff, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    expect(wide.p!.byteLength).toBe(19 + 7 + 7);
    expect(unpackMovement(wide).set).toEqual({ "7": far, "8": { x: 1, y: 2 }, "9": { x: 128 } });
    for (const x of [128, -128.00390625, 256, -256, 511.99609375, 1024, -1024]) {
      expect(unpackMovement(packMovement({ set: { "1": { x, y: -x, vx: 6 } } })).set!["1"], String(x)).toEqual({ x, y: -x, vx: 6 });
    }
    // A wide record's values are bounded as a packer's are, and its wider fields are checked for truncation.
    const beyond = Uint8Array.of(1, 0, 0x21, 0x01, 0x00, 0x04, 0x00);
    expect(() => unpackMovement({ p: beyond })).toThrow(/out of wire range/);
    expect(() => unpackMovement({ p: Uint8Array.of(1, 0, 0x21, 0x01, 0x00, 0x00) })).toThrow(/truncated/);
    expect(() => unpackMovement({ p: Uint8Array.of(1, 0, 0x40) })).toThrow(/unknown field bits/);
  });

  it("throws on ids that are not the canonical decimal form of a u16, in set and in remove", () => {
    for (const id of ["65536", "-1", "1.5", "abc", "", " 3", "3 ", "03", "+3", "1e3", "0x10", "3.0", "-0", "Infinity", "NaN"]) {
      expect(() => packMovement({ set: { [id]: { x: 0 } } }), JSON.stringify(id)).toThrow(RangeError);
      expect(() => packMovement({ remove: [id] }), JSON.stringify(id)).toThrow(RangeError);
    }
    for (const id of ["0", "9", "10", "65535"]) expect(unpackMovement(packMovement({ set: { [id]: { x: 0 } }, remove: [id] }))).toEqual({ set: { [id]: { x: 0 } }, remove: [id] });
  });

  it("refuses truncated records at every cut that is not a record boundary", () => {
    const p = packMovement({ set: { "1": { x: 1, y: 2 }, "2": { vx: 3 }, "3": {} } }).p!;
    expect(p.byteLength).toBe(7 + 5 + 3);
    const boundaries = new Set([0, 7, 12, 15]);
    for (let cut = 0; cut <= p.byteLength; cut++) {
      if (boundaries.has(cut)) expect(() => unpackMovement({ p: p.slice(0, cut) })).not.toThrow();
      else expect(() => unpackMovement({ p: p.slice(0, cut) }), `cut at ${cut}`).toThrow(RangeError);
    }
    expect(() => unpackMovement({ p: "nope" as unknown as Uint8Array })).toThrow(TypeError);
  });

  it("reads records from a view at any offset of a larger buffer", () => {
    const p = packMovement({ set: { "513": { x: 1.5, vy: -2 } } }).p!;
    const big = new Uint8Array(p.byteLength + 3).fill(0xff);
    big.set(p, 1);
    expect(unpackMovement({ p: big.subarray(1, 1 + p.byteLength) })).toEqual({ set: { "513": { x: 1.5, vy: -2 } } });
  });
});

describe("compact movement channel: bytes per entity", () => {
  it("costs 11 bytes for a full record, 7 for a position-only change, 3 for an id alone", () => {
    expect(packMovement({ set: { "1": { x: 1, y: 2, vx: 3, vy: 4 } } }).p!.byteLength).toBe(11);
    expect(packMovement({ set: { "65535": { x: -128, y: 127.99609375, vx: -128, vy: 127.99609375 } } }).p!.byteLength).toBe(11);
    expect(packMovement({ set: { "1": { x: 1, y: 2 } } }).p!.byteLength).toBe(7);
    expect(packMovement({ set: { "1": {} } }).p!.byteLength).toBe(3);
  });

  /** A msgpack snapshot of `count` entities whose x/y changed, with realistic header values. */
  const deltaBytes = (count: number, fields: (i: number) => Partial<MovementFields>) => {
    const set: Record<string, Partial<MovementFields>> = {};
    for (let i = 1; i <= count; i++) set[String(i)] = fields(i);
    const message: SnapshotMessage = {
      v: 2, kind: "snapshot",
      payload: { mode: "delta", tick: 123_456, serverTime: 1_700_000_000_000.5, ackInputSeq: 2 ** 31 - 1, features: { movement: { set } } },
    };
    return (encodeServerMessage(message, "msgpack") as Uint8Array).byteLength;
  };

  it("keeps a 64-entity x/y delta snapshot at 64 × 7 bytes plus a fixed envelope", () => {
    const xy = (i: number) => ({ x: i / 4 - 60, y: -i / 8 });
    const total = deltaBytes(64, xy);
    const envelope = deltaBytes(0, xy);
    // Measured: 558 bytes in all, 109 of them the envelope with an empty channel (tick, serverTime as float64,
    // ackInputSeq, keys); the bin header grows by 1 byte once the records pass 255 bytes.
    expect(total - envelope).toBe(64 * 7 + 1);
    expect(envelope).toBeLessThanOrEqual(109);
    expect(total).toBeLessThanOrEqual(64 * 7 + 110);
  });

  it("keeps a 64-entity full movement channel at 64 × 11 bytes plus the same envelope", () => {
    const full = (i: number) => ({ x: i / 4 - 60, y: -i / 8, vx: 4.5, vy: -4.5 });
    expect(deltaBytes(64, full) - deltaBytes(0, full)).toBeLessThanOrEqual(64 * 11 + 1);
    // The JSON form of the same channel, for scale: well over 3× larger.
    const set: Record<string, MovementFields> = {};
    for (let i = 1; i <= 64; i++) set[String(i)] = full(i);
    const json = encodeServerMessage(snapshot("delta", { movement: { set } }), "json") as string;
    expect(Buffer.byteLength(json)).toBeGreaterThan(3 * deltaBytes(64, full));
  });
});

describe("the movement channel's teleport counter (server-side moves)", () => {
  const full = snapshot("full", {
    movement: { set: { "1": { x: 1.5, y: -2, vx: 0, vy: 0, teleport: 1 }, "2": { x: 3, y: 4, vx: 6, vy: 0 }, "65535": { x: 0, y: 0, vx: 0, vy: 0, teleport: MAX_TELEPORT } } },
  });
  // A respawn as a delta: the new place and the bumped counter together; another body's counter alone.
  const respawn = snapshot("delta", { movement: { set: { "1": { x: -40.25, y: 7, teleport: 2 }, "65535": { teleport: 1 } } } });

  it("round-trips through both codecs, and JSON mode carries it in the logical shape, as `teleport`", () => {
    for (const message of [full, respawn]) {
      for (const codec of CODECS) expect(decodeServerMessage(encodeServerMessage(message, codec)), codec).toEqual(message);
      expect(JSON.parse(encodeServerMessage(message, "json") as string)).toEqual(message);
    }
  });

  it("merges into a replica with the body's kinematics, the same through either codec", () => {
    for (const codec of CODECS) {
      const replica = createReplica();
      for (const message of [full, respawn]) applySnapshot(replica, (decodeServerMessage(encodeServerMessage(message, codec)) as SnapshotMessage).payload);
      expect(replica.get("movement")!.get("1"), codec).toEqual({ x: -40.25, y: 7, vx: 0, vy: 0, teleport: 2 });
      expect(replica.get("movement")!.get("2"), codec).toEqual({ x: 3, y: 4, vx: 6, vy: 0 });
      expect(replica.get("movement")!.get("65535"), codec).toEqual({ x: 0, y: 0, vx: 0, vy: 0, teleport: 1 });
    }
  });

  it("costs one byte after the kinematics (mask bit 4), and nothing in records without it", () => {
    expect([...packMovement({ set: { "513": { x: 1.5, teleport: 7 } } }).p!]).toEqual([0x01, 0x02, 0b10001, 0x80, 0x01, 7]);
    expect([...packMovement({ set: { "513": { x: 1.5 } } }).p!]).toEqual([0x01, 0x02, 0b00001, 0x80, 0x01]);
    expect(packMovement({ set: { "1": { x: 1, y: 2, vx: 3, vy: 4, teleport: 200 } } }).p!.byteLength).toBe(12);
    expect(packMovement({ set: { "1": { teleport: 1 } } }).p!.byteLength).toBe(4);
  });

  it("refuses a value that is not a counter 0..255 when packing", () => {
    for (const teleport of [256, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => packMovement({ set: { "1": { teleport } } }), String(teleport)).toThrow(RangeError);
    }
    expect(unpackMovement(packMovement({ set: { "1": { teleport: 0 } } }))).toEqual({ set: { "1": { teleport: 0 } } });
  });

  it("refuses records with unknown mask bits or a missing counter byte, rather than reading them out of step", () => {
    for (const bit of [0x40, 0x80]) {
      expect(() => unpackMovement({ p: new Uint8Array([1, 0, bit]) }), `bit ${bit}`).toThrow(RangeError);
    }
    const p = packMovement({ set: { "1": { x: 1, teleport: 9 } } }).p!;
    expect(() => unpackMovement({ p: p.slice(0, p.byteLength - 1) })).toThrow(RangeError);
  });

  it("counts 1..255 and wraps past 0: a counter left out of a delta never reads as a change back to 0", () => {
    expect(nextTeleport(undefined)).toBe(1);
    expect(nextTeleport(0)).toBe(1);
    expect(nextTeleport(1)).toBe(2);
    expect(nextTeleport(MAX_TELEPORT - 1)).toBe(MAX_TELEPORT);
    expect(nextTeleport(MAX_TELEPORT)).toBe(1);
    let counter: number | undefined;
    const seen = new Set<number>();
    for (let i = 0; i < 3 * MAX_TELEPORT; i++) {
      const next = nextTeleport(counter);
      expect(next).not.toBe(counter);
      seen.add((counter = next));
    }
    expect(seen.size).toBe(MAX_TELEPORT);
    expect(seen.has(0)).toBe(false);
  });
});
