import { describe, expect, it } from "vitest";
import {
  decodeMsgpack,
  decodeServerMessage,
  encodeServerMessage,
  packMovement,
  unpackMovement,
  type ServerMessage,
  type SnapshotMessage,
} from "../src/index.ts";

const presence = { playerId: "alice", name: "Alice", connected: true, characterId: "default", characterClass: "warrior", color: "#e8590c", cosmetics: "" };

const messages: ServerMessage[] = [
  {
    v: 2,
    kind: "welcome",
    payload: {
      roomCode: "r1", playerId: "alice", entityId: "1", resumeToken: "tok", resumeTokenTtl: 600, resumed: false,
      lastInputSeq: 0, tickRate: 30, snapshotRate: 10, tick: 5, serverTime: 1700000000000, protocol: 2,
    },
  },
  { v: 2, kind: "ack", seq: 3, payload: { seq: 3 } },
  { v: 2, kind: "pong", seq: 4, payload: { clientTime: 12.5, serverTime: 1700000000001 } },
  { v: 2, kind: "error", seq: 9, payload: { code: "invalid_payload", message: "bad", seq: 9 } },
  { v: 2, kind: "event", feature: "presence", action: "join", payload: { entityId: "2", playerId: "bob", name: "Bob" } },
  {
    v: 2,
    kind: "snapshot",
    payload: {
      mode: "full", tick: 30, serverTime: 1700000000002, ackInputSeq: 7,
      features: {
        presence: { set: { "1": presence } },
        movement: { set: { "1": { x: 1.5, y: -63.99609375, vx: 6, vy: -0.00390625 }, "65535": { x: 0, y: 0, vx: 0, vy: 0 } } },
      },
    },
  },
  {
    v: 2,
    kind: "snapshot",
    payload: { mode: "delta", tick: 33, serverTime: 1700000000003, ackInputSeq: 8, features: { movement: { set: { "1": { x: 2 } }, remove: ["7"] }, presence: { remove: ["7"] } } },
  },
];

describe("server codec", () => {
  for (const codec of ["msgpack", "json"] as const) {
    it(`round-trips every server kind through ${codec}`, () => {
      for (const message of messages) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
    });
  }

  it("uses the compact movement form in msgpack only", () => {
    const snapshot = messages[5] as SnapshotMessage;
    const raw = decodeMsgpack(encodeServerMessage(snapshot, "msgpack") as Uint8Array) as { payload: { features: { movement: { p: Uint8Array } } } };
    expect(raw.payload.features.movement.p).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(encodeServerMessage(snapshot, "json") as string)).toEqual(snapshot);
  });

  it("rejects a frame that is not a server envelope", () => {
    expect(() => decodeServerMessage("[1,2]")).toThrow();
    expect(() => decodeServerMessage(new Uint8Array([0x92, 0x01]))).toThrow();
  });
});

describe("compact movement channel", () => {
  it("restores exact values, partial fields and removes", () => {
    const patch = { set: { "3": { x: 12.25, vy: -5.99609375 }, "4": {} as Record<string, number> }, remove: ["9", "10"] };
    expect(unpackMovement(packMovement(patch))).toEqual(patch);
    expect(unpackMovement(packMovement({ set: {} }))).toEqual({ set: {} });
  });

  it("costs at most 11 bytes for a full record and 7 for a position-only change", () => {
    expect(packMovement({ set: { "1": { x: 1, y: 2, vx: 3, vy: 4 } } }).p!.byteLength).toBe(11);
    expect(packMovement({ set: { "1": { x: 1, y: 2 } } }).p!.byteLength).toBe(7);
  });

  it("keeps a 64-entity position delta snapshot under 64 × 7 bytes plus a small envelope", () => {
    const set: Record<string, { x: number; y: number }> = {};
    for (let i = 1; i <= 64; i++) set[String(i)] = { x: i / 4, y: -i / 8 };
    const snapshot: SnapshotMessage = {
      v: 2,
      kind: "snapshot",
      payload: { mode: "delta", tick: 123456, serverTime: 1700000000000, ackInputSeq: 4242, features: { movement: { set } } },
    };
    const bytes = (encodeServerMessage(snapshot, "msgpack") as Uint8Array).byteLength;
    expect(bytes).toBeLessThanOrEqual(64 * 7 + 120);
  });

  it("refuses values it cannot carry exactly in range, and ids that are not u16", () => {
    expect(() => packMovement({ set: { "1": { x: 128 } } })).toThrow(RangeError);
    expect(() => packMovement({ set: { "1": { x: -128.01 } } })).toThrow(RangeError);
    expect(() => packMovement({ set: { "65536": { x: 0 } } })).toThrow(RangeError);
    expect(() => packMovement({ set: { abc: { x: 0 } } })).toThrow(RangeError);
    expect(() => packMovement({ remove: ["-1"] })).toThrow(RangeError);
  });

  it("refuses truncated records", () => {
    const packed = packMovement({ set: { "1": { x: 1, y: 2 } } });
    expect(() => unpackMovement({ p: packed.p!.subarray(0, 6) })).toThrow(RangeError);
    expect(() => unpackMovement({ p: packed.p!.subarray(0, 2) })).toThrow(RangeError);
    expect(() => unpackMovement({ p: "nope" as unknown as Uint8Array })).toThrow(TypeError);
  });
});
