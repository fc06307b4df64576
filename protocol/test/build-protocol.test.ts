// The build feature's wire: build actions riding inputs, build.preview, the build channels, and build_rejected.
import { describe, expect, it } from "vitest";
import {
  BUILD_TILE_MAX,
  BUILD_TILE_MIN,
  BuildRejectReason,
  Channel,
  decodeMsgpack,
  decodeServerMessage,
  encodeMsgpack,
  encodeServerMessage,
  ErrorCode,
  MAX_STRUCTURE_HP,
  packBuild,
  parseEnvelope,
  STRUCTURE_KINDS,
  unpackBuild,
  type ChannelPatch,
  type Codec,
  type ErrorMessage,
  type SnapshotMessage,
  type StructureFields,
} from "../src/index.ts";
import { batch, bothCodecs, expectError, input, mulberry32 } from "./helpers.ts";

const CODECS: Codec[] = ["msgpack", "json"];
const preview = (payload: unknown) => ({ v: 2, kind: "command", seq: 21, feature: "build", action: "preview", payload });
const withBuild = (build: unknown) => batch([input(1), { ...input(2), build }]);

function parsedBuild(build: unknown) {
  const result = parseEnvelope(withBuild(build));
  if (!result.ok || result.message.kind !== "command" || result.message.feature !== "movement") return result;
  return result.message.payload.inputs[1]!.build;
}

describe("build actions on inputs", () => {
  it("accepts place and remove at every corner of the world, in both codecs, dropping unknown keys", () => {
    for (const tx of [BUILD_TILE_MIN, 0, BUILD_TILE_MAX]) {
      for (const ty of [BUILD_TILE_MIN, -1, BUILD_TILE_MAX]) {
        for (const kind of STRUCTURE_KINDS) {
          for (const result of bothCodecs(withBuild({ op: "place", tx, ty, kind, hp: 9999, owner: "me" }))) {
            expect(result).toMatchObject({ ok: true });
            if (result.ok && result.message.kind === "command" && result.message.feature === "movement") {
              expect(result.message.payload.inputs[1]!.build).toEqual({ op: "place", tx, ty, kind });
              expect(result.message.payload.inputs[0]).not.toHaveProperty("build");
            }
          }
        }
        // A remove names no kind; one sent anyway is dropped.
        expect(parsedBuild({ op: "remove", tx, ty, kind: "wall" })).toEqual({ op: "remove", tx, ty });
      }
    }
  });

  it("rejects every bad field as invalid_payload naming the field, with the envelope seq", () => {
    const cases: [unknown, RegExp][] = [
      [null, /inputs\[1\]\.build must be an object/],
      ["place", /must be an object/],
      [[1, 2], /must be an object/],
      [{ op: "place", ty: 0, kind: "wall" }, /build\.tx must be an integer/],
      [{ op: "place", tx: 0, kind: "wall" }, /build\.ty must be an integer/],
      [{ op: "place", tx: 0.5, ty: 0, kind: "wall" }, /build\.tx/],
      [{ op: "place", tx: "1", ty: 0, kind: "wall" }, /build\.tx/],
      [{ op: "place", tx: 1e300, ty: 0, kind: "wall" }, /build\.tx/],
      [{ op: "place", tx: 0, ty: 0 }, /build\.kind must be one of wall, crate, floor/],
      [{ op: "place", tx: 0, ty: 0, kind: "tower" }, /build\.kind/],
      [{ op: "place", tx: 0, ty: 0, kind: "__proto__" }, /build\.kind/],
      [{ op: "place", tx: 0, ty: 0, kind: 1 }, /build\.kind/],
      [{ op: "demolish", tx: 0, ty: 0 }, /build\.op must be "place" or "remove"/],
      [{ tx: 0, ty: 0, kind: "wall" }, /build\.op/],
      [{ op: "remove", tx: -65.5, ty: 0 }, /build\.tx/],
    ];
    for (const [build, message] of cases) {
      for (const result of bothCodecs(withBuild(build))) {
        expectError(result, ErrorCode.invalidPayload, 5);
        if (!result.ok) expect(result.message).toMatch(message);
      }
    }
    // NaN and Infinity cannot travel in JSON, but msgpack carries them.
    for (const tx of [NaN, Infinity, -Infinity]) {
      expect(parseEnvelope(decodeMsgpack(encodeMsgpack(withBuild({ op: "place", tx, ty: 0, kind: "wall" }))))).toMatchObject({ ok: false, code: ErrorCode.invalidPayload });
    }
  });

  it("passes tiles outside any world through as integers: the room answers out_of_bounds and applies the rest of the input", () => {
    for (const [tx, ty] of [[BUILD_TILE_MAX + 1, 0], [BUILD_TILE_MIN - 1, 0], [0, 5000], [-(2 ** 40), 2 ** 40]] as const) {
      for (const result of bothCodecs(withBuild({ op: "place", tx, ty, kind: "wall" }))) {
        expect(result).toMatchObject({ ok: true });
        if (result.ok && result.message.kind === "command" && result.message.feature === "movement") {
          expect(result.message.payload.inputs[1]!.build).toEqual({ op: "place", tx, ty, kind: "wall" });
        }
      }
    }
  });
});

describe("build.preview", () => {
  it("accepts a tile and kind, or clear: true, and drops other keys", () => {
    for (const result of bothCodecs(preview({ tx: -3, ty: 63, kind: "floor", owner: "x" }))) {
      expect(result).toEqual({ ok: true, message: { v: 2, kind: "command", seq: 21, feature: "build", action: "preview", payload: { tx: -3, ty: 63, kind: "floor" } } });
    }
    expect(parseEnvelope(preview({ clear: true, tx: 1 }))).toMatchObject({ ok: true, message: { payload: { clear: true } } });
  });

  it("rejects a missing payload, bad tiles and kinds, and a clear that is not true", () => {
    for (const payload of [undefined, null, 3, [], { clear: false }, { clear: "yes" }, { tx: 0, ty: 0 }, { tx: "64", ty: 0, kind: "wall" }, { tx: 0, ty: -64.5, kind: "wall" }, { tx: 0, ty: 0, kind: "gate" }]) {
      expectError(parseEnvelope(preview(payload)), ErrorCode.invalidPayload, 21);
    }
  });
});

describe("build_rejected errors", () => {
  it("carry the reason and the input seq through both codecs", () => {
    for (const reason of Object.values(BuildRejectReason)) {
      const message: ErrorMessage = {
        v: 2, kind: "error", seq: 8, payload: { code: ErrorCode.buildRejected, message: `build refused: ${reason}`, seq: 42, reason },
      };
      for (const codec of CODECS) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
    }
    expect(ErrorCode.buildRejected).toBe("build_rejected");
    expect(Object.values(BuildRejectReason).sort()).toEqual(["limit", "not_found", "not_owner", "occupied", "out_of_bounds", "out_of_reach", "protected", "scenery", "too_fast"]);
  });
});

/** The first tile of a 128 m room (-64..63): every tile of one fits an int8. */
const ROOM_TILE_MIN = -64;

/** `n` structures with ids 1..n on distinct tiles of a 128 m room, owned by `owners` players in turn. */
function structures(n: number, owners = 64): Record<string, StructureFields> {
  const set: Record<string, StructureFields> = {};
  for (let i = 0; i < n; i++) {
    set[String(i + 1)] = {
      tx: (i % 128) + ROOM_TILE_MIN,
      ty: Math.floor(i / 128) % 128 + ROOM_TILE_MIN,
      kind: STRUCTURE_KINDS[i % 3]!,
      owner: `user_${i % owners}`,
      hp: [500, 100, 50][i % 3]!,
    };
  }
  return set;
}

const snapshot = (mode: "full" | "delta", build: ChannelPatch<StructureFields>, buildPreview?: object): SnapshotMessage => ({
  v: 2, kind: "snapshot",
  payload: { mode, tick: 9, serverTime: 1_700_000_000_000, ackInputSeq: 3, features: { build, ...(buildPreview ? { build_preview: buildPreview } : {}) } },
});

describe("build channel: binary codec", () => {
  it("round-trips full and delta snapshots (partial fields, removes, previews) in both codecs", () => {
    const messages = [
      snapshot("full", { set: structures(300) }, { set: { "1": { tx: 0, ty: 0, kind: "wall" } } }),
      snapshot("delta", { set: { "7": { hp: 12 }, "4294967295": { tx: 63, ty: -64, kind: "floor", owner: "ü-ß", hp: 65535 }, "0": { owner: "a" } }, remove: ["9", "4294967294"] }),
      snapshot("delta", { remove: ["1"] }, { remove: ["3"] }),
      snapshot("delta", { set: {} }),
      snapshot("delta", { set: { "5": {} } }),
    ];
    for (const message of messages) {
      for (const codec of CODECS) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
    }
  });

  it("round-trips random patches exactly (seeded)", () => {
    const random = mulberry32(0xb111d);
    const int = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 300; round++) {
      const set: Record<string, Partial<StructureFields>> = {};
      for (let i = int(40); i > 0; i--) {
        const fields: Partial<StructureFields> = {};
        // A room's tiles (int8) and, a third of the time, any tile of a 2,048 m world (a wide record).
        const tile = () => (random() < 0.33 ? BUILD_TILE_MIN + int(BUILD_TILE_MAX - BUILD_TILE_MIN + 1) : ROOM_TILE_MIN + int(128));
        if (random() < 0.7) fields.tx = tile();
        if (random() < 0.7) fields.ty = tile();
        if (random() < 0.7) fields.kind = STRUCTURE_KINDS[int(3)]!;
        if (random() < 0.7) fields.owner = `p${int(300)}`;
        if (random() < 0.7) fields.hp = int(65536);
        set[String(int(2 ** 32))] = fields;
      }
      const patch: ChannelPatch<StructureFields> = { set, remove: Array.from({ length: int(5) }, () => String(int(1e6))) };
      if (patch.remove!.length === 0) delete patch.remove;
      expect(unpackBuild(packBuild(patch))).toEqual(patch);
    }
  });

  it("keeps a 128 m room's records byte for byte (int8 tiles), and carries any tile of a 2,048 m world exactly", () => {
    // id 1, every field, tx 63, ty -64, wall, owner 0, hp 500: the record rooms have always sent.
    const room = packBuild({ set: { "1": { tx: 63, ty: -64, kind: "wall", owner: "a", hp: 500 } } });
    expect([...room.p!]).toEqual([1, 0b1_1111, 63, 0xc0, 0, 0, 0xf4, 0x01]);
    // A plaza's (or a 2,048 m world's) tiles: the wide bit and int16 tiles, on that record only.
    const wide = packBuild({ set: { "1": { tx: 900, ty: -1024 }, "2": { tx: 5, ty: 200 }, "3": { tx: -128, ty: 127 } } });
    expect([...wide.p!]).toEqual([1, 0x23, 0x84, 0x03, 0x00, 0xfc, 1, 0x23, 5, 0, 200, 0, 1, 0x03, 0x80, 127]);
    expect(unpackBuild(wide).set).toEqual({ "1": { tx: 900, ty: -1024 }, "2": { tx: 5, ty: 200 }, "3": { tx: -128, ty: 127 } });
    const corners = { "1": { tx: BUILD_TILE_MIN, ty: BUILD_TILE_MAX }, "2": { tx: BUILD_TILE_MAX, ty: BUILD_TILE_MIN } };
    expect(unpackBuild(packBuild({ set: corners })).set).toEqual(corners);
  });

  it("packs a full channel as one binary blob and an owner table with each owner once", () => {
    const raw = decodeMsgpack(encodeServerMessage(snapshot("full", { set: structures(1000, 10) }), "msgpack") as Uint8Array) as {
      payload: { features: { build: { p: Uint8Array; o: string[] } } };
    };
    expect(raw.payload.features.build.p).toBeInstanceOf(Uint8Array);
    expect(raw.payload.features.build.o).toHaveLength(10);
    // A full record: 1-byte id delta, mask, tx, ty, kind, 1-byte owner index, u16 hp.
    expect(raw.payload.features.build.p.byteLength).toBe(1000 * 8);
    expect(Channel.build).toBe("build");
  });

  it("costs under 9 bytes per structure in a full msgpack snapshot of 10,000 structures", () => {
    const message = snapshot("full", { set: structures(10_000) });
    const bytes = (encodeServerMessage(message, "msgpack") as Uint8Array).byteLength;
    expect(bytes / 10_000).toBeLessThan(9);
    expect(decodeServerMessage(encodeServerMessage(message, "msgpack"))).toEqual(message);
  });

  it("throws instead of packing values the wire cannot carry", () => {
    const one = (fields: Partial<StructureFields>, id = "1") => () => packBuild({ set: { [id]: fields } });
    expect(one({ tx: BUILD_TILE_MAX + 1 })).toThrow(RangeError);
    expect(one({ ty: BUILD_TILE_MIN - 1 })).toThrow(RangeError);
    expect(one({ tx: 1.5 })).toThrow(RangeError);
    expect(one({ hp: 65536 })).toThrow(RangeError);
    expect(one({ hp: -1 })).toThrow(RangeError);
    expect(one({ kind: "tower" as never })).toThrow(RangeError);
    for (const id of ["", "01", "1e3", "-1", "4294967296", "0x10", "a"]) expect(one({ hp: 1 }, id)).toThrow(RangeError);
  });

  it("throws on hostile bytes instead of inventing structures: truncation, unknown bits, kinds and owners", () => {
    const packed = packBuild({ set: structures(20, 3) });
    const bytes = packed.p!;
    // Every cut inside the last record is truncated (the full record is 8 bytes).
    for (let cut = bytes.length - 7; cut < bytes.length; cut++) {
      expect(() => unpackBuild({ ...packed, p: bytes.subarray(0, cut) })).toThrow(RangeError);
    }
    expect(() => unpackBuild({ p: Uint8Array.of(1, 0x40) })).toThrow(/unknown field bits/);
    expect(() => unpackBuild({ p: Uint8Array.of(1, 0x21, 0x10) })).toThrow(/truncated/);
    expect(() => unpackBuild({ p: Uint8Array.of(1, 0x04, 3) })).toThrow(/unknown kind/);
    expect(() => unpackBuild({ p: Uint8Array.of(1, 0x08, 0), o: [] })).toThrow(/owner outside the table/);
    expect(() => unpackBuild({ p: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0) })).toThrow(RangeError);
    expect(() => unpackBuild({ p: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f, 0) })).toThrow(/out of range/);
    expect(() => unpackBuild({ p: [1, 0] as never })).toThrow(TypeError);
    expect(() => unpackBuild({ p: Uint8Array.of(1, 0x08, 0), o: [3] as never })).toThrow(TypeError);
    expect(() => unpackBuild({ r: "1" as never })).toThrow(TypeError);
    expect(() => unpackBuild({ r: [1.5] })).toThrow(RangeError);
    expect(() => unpackBuild(null as never)).toThrow(TypeError);
    // Random bytes either are refused with the decoder's RangeError or decode to structures of valid fields only.
    // (The checks stay outside the try: an assertion that fails throws too, and must not pass as a refusal.)
    const random = mulberry32(7);
    let decoded = 0;
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const junk = new Uint8Array(Math.floor(random() * 40)).map(() => Math.floor(random() * 256));
      let patch: ReturnType<typeof unpackBuild>;
      try {
        patch = unpackBuild({ p: junk, o: ["a", "b"] });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        refused++;
        continue;
      }
      decoded++;
      for (const [id, fields] of Object.entries(patch.set ?? {})) {
        expect(id).toBe(String(Number(id)));
        expect(Number(id)).toBeLessThanOrEqual(0xffffffff);
        for (const tile of [fields.tx, fields.ty]) {
          if (tile === undefined) continue;
          expect(Number.isInteger(tile) && tile >= -128 && tile <= 127, `tile ${tile}`).toBe(true);
        }
        if (fields.kind !== undefined) expect(STRUCTURE_KINDS).toContain(fields.kind);
        if (fields.owner !== undefined) expect(["a", "b"]).toContain(fields.owner);
        if (fields.hp !== undefined) expect(Number.isInteger(fields.hp) && fields.hp >= 0 && fields.hp <= MAX_STRUCTURE_HP, `hp ${fields.hp}`).toBe(true);
      }
    }
    // Both branches ran many times: the run says something about each.
    expect(decoded).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
