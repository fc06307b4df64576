// One snapshot's features encoded once for every connection that gets them: the frames are exactly the frames
// encodeServerMessage makes for each connection's own message, so clients decode the same logical messages.
import { describe, expect, it } from "vitest";
import {
  createProtocol,
  decodeServerMessage,
  encodeServerMessage,
  encodeSnapshotFeatures,
  encodeSnapshotFrame,
  FEATURES,
  WIRE_UNITS_PER_METRE,
  type Codec,
  type SnapshotFeatures,
  type SnapshotHeader,
  type SnapshotMessage,
} from "../src/index.ts";
import { mulberry32 } from "./helpers.ts";

const CODECS: Codec[] = ["msgpack", "json"];

/** A frame as comparable bytes (msgpackr hands out Node Buffers, the splice a plain Uint8Array). */
const bytes = (frame: string | Uint8Array) => (typeof frame === "string" ? frame : Uint8Array.from(frame));

/** A room's worth of every built-in channel, on the wire grids so the logical shape round-trips exactly. */
function features(seed: number, entities: number): SnapshotFeatures {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const grid = () => (int(65536) - 32768) / WIRE_UNITS_PER_METRE;
  const ids = Array.from({ length: entities }, (_, i) => String(i + 1));
  return {
    presence: {
      set: Object.fromEntries(
        ids.map((id) => [id, { kind: "player", playerId: `p${id}`, name: `Player ${id}`, connected: true, characterId: `c${id}`, characterClass: "ranger", color: "#e8590c", cosmetics: "" }]),
      ),
    },
    movement: { set: Object.fromEntries(ids.map((id) => [id, { x: grid(), y: grid(), vx: grid(), vy: grid() }])), remove: ["999"] },
    combat: { set: Object.fromEntries(ids.map((id) => [id, { hp: int(101), maxHp: 100, alive: int(5) !== 0, kills: int(9), deaths: int(9), stamina: int(101) }])) },
    build: { set: { "7": { tx: int(128) - 64, ty: int(128) - 64, kind: "wall", owner: "p1", hp: 500 } } },
  } as SnapshotFeatures;
}

const header = (mode: "full" | "delta", ackInputSeq: number, inputQueue: number): SnapshotHeader => ({ mode, tick: 4_242, serverTime: 1_700_000_000_123.5, ackInputSeq, inputQueue });

const message = (head: SnapshotHeader, shared: SnapshotFeatures): SnapshotMessage => ({ v: 2, kind: "snapshot", payload: { ...head, features: shared } });

describe("snapshot frames from features encoded once", () => {
  for (const codec of CODECS) {
    it(`are byte for byte the per-connection frames, and decode to each connection's own message (${codec})`, () => {
      for (const [mode, entities] of [["full", 64], ["delta", 3], ["delta", 0]] as const) {
        const shared = features(entities + 1, entities);
        const encoded = encodeSnapshotFeatures(shared, codec);
        for (const [ackInputSeq, inputQueue] of [[0, 0], [17, 2], [2 ** 31 - 1, 64]] as const) {
          const head = header(mode, ackInputSeq, inputQueue);
          const frame = encodeSnapshotFrame(head, encoded);
          expect(bytes(frame)).toEqual(bytes(encodeServerMessage(message(head, shared), codec)));
          expect(decodeServerMessage(frame)).toEqual(message(head, shared));
        }
      }
    });
  }

  it("no features at all: still the same frame", () => {
    for (const codec of CODECS) {
      const head = header("delta", 3, 0);
      expect(bytes(encodeSnapshotFrame(head, encodeSnapshotFeatures({}, codec)))).toEqual(bytes(encodeServerMessage(message(head, {} as SnapshotFeatures), codec)));
    }
  });

  it("keeps `features` last even when the header object the caller passes still holds them", () => {
    const shared = features(5, 4);
    const head = { features: { movement: {} }, ...header("full", 1, 0) } as SnapshotHeader;
    for (const codec of CODECS) expect(decodeServerMessage(encodeSnapshotFrame(head, encodeSnapshotFeatures(shared, codec)))).toEqual(message(header("full", 1, 0), shared));
  });

  it("packs a feature list's own binary channels (createProtocol) as its encodeServerMessage does", () => {
    const protocol = createProtocol(FEATURES);
    const shared = features(9, 10);
    const head = header("full", 5, 1);
    const frame = encodeSnapshotFrame(head, protocol.encodeSnapshotFeatures(shared, "msgpack"));
    expect(bytes(frame)).toEqual(bytes(protocol.encodeServerMessage(message(head, shared), "msgpack")));
  });
});
