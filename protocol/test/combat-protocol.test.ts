// The combat wire: fire fields riding inputs, the combat feature's channels and events.
import { describe, expect, it } from "vitest";
import {
  AIM_MAX_LENGTH,
  AIM_MIN_LENGTH,
  Channel,
  combatFeature,
  decodeMsgpack,
  decodeServerMessage,
  encodeServerMessage,
  ErrorCode,
  EventAction,
  eventMessage,
  MAX_SEQ,
  packCombat,
  packProjectiles,
  parseEnvelope,
  unpackCombat,
  unpackProjectiles,
  type ChannelPatch,
  type Codec,
  type CombatFields,
  type ProjectileFields,
  type SnapshotMessage,
} from "../src/index.ts";
import { batch, bothCodecs, expectError, input, mulberry32 } from "./helpers.ts";

const CODECS: Codec[] = ["msgpack", "json"];

const withFire = (fields: Record<string, unknown>) => batch([input(1), { ...input(2), ...fields }]);

function parsedInput(fields: Record<string, unknown>) {
  const result = parseEnvelope(withFire(fields));
  if (!result.ok || result.message.kind !== "command" || result.message.feature !== "movement") return result;
  return result.message.payload.inputs[1];
}

describe("fire fields on inputs", () => {
  it("accepts fire with an aim of any direction and length 0.5..2 and a viewTime, in both codecs", () => {
    const aims: [number, number][] = [[1, 0], [0, -1], [Math.SQRT1_2, Math.SQRT1_2], [-0.6, 0.8], [AIM_MIN_LENGTH, 0], [0, -AIM_MAX_LENGTH], [1.2, -1.2]];
    for (const [aimX, aimY] of aims) {
      for (const result of bothCodecs(withFire({ fire: true, aimX, aimY, viewTime: 1_700_000_000_123.5, hp: 9999 }))) {
        expect(result).toMatchObject({ ok: true });
        if (result.ok && result.message.kind === "command" && result.message.feature === "movement") {
          expect(result.message.payload.inputs[1]).toEqual({ ...input(2), fire: true, aimX, aimY, viewTime: 1_700_000_000_123.5 });
          // A plain movement input gains nothing.
          expect(result.message.payload.inputs[0]).toEqual(input(1));
        }
      }
    }
  });

  it("keeps viewTime alone, and drops an aim that fires nothing", () => {
    expect(parsedInput({ viewTime: 42 })).toEqual({ ...input(2), viewTime: 42 });
    expect(parsedInput({ fire: false, aimX: 1, aimY: 0 })).toEqual(input(2));
    expect(parsedInput({ aimX: 0, aimY: 0 })).toEqual(input(2));
  });

  it("rejects every bad fire field as invalid_payload naming the field, with the envelope seq", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ fire: 1, aimX: 1, aimY: 0 }, /inputs\[1\]\.fire must be a boolean/],
      [{ fire: "true", aimX: 1, aimY: 0 }, /fire must be a boolean/],
      [{ fire: null, aimX: 1, aimY: 0 }, /fire must be a boolean/],
      [{ fire: true }, /inputs\[1\]\.fire needs aimX and aimY/],
      [{ fire: true, aimX: 1 }, /aimY must be a finite number/],
      [{ fire: true, aimY: 1 }, /aimX must be a finite number/],
      [{ fire: true, aimX: "1", aimY: 0 }, /aimX must be a finite number/],
      [{ fire: true, aimX: 0, aimY: 0 }, /\|\(aimX, aimY\)\| must be 0\.5\.\.2/],
      [{ fire: true, aimX: 0.3, aimY: 0.3 }, /must be 0\.5\.\.2/],
      [{ fire: true, aimX: 2, aimY: 0.1 }, /must be 0\.5\.\.2/],
      [{ fire: true, aimX: 1e300, aimY: 1e300 }, /must be 0\.5\.\.2/],
      [{ aimX: [1], aimY: 0 }, /aimX must be a finite number/],
      [{ viewTime: "now" }, /inputs\[1\]\.viewTime must be a finite server time/],
      [{ viewTime: -1 }, /viewTime must be a finite server time/],
      [{ viewTime: null }, /viewTime must be a finite server time/],
      [{ fire: true, aimX: 1, aimY: 0, viewTime: {} }, /viewTime/],
    ];
    for (const [fields, message] of cases) {
      for (const result of bothCodecs(withFire(fields))) {
        expectError(result, ErrorCode.invalidPayload, 5);
        if (!result.ok) expect(result.message).toMatch(message);
      }
    }
    // JSON cannot carry NaN or Infinity; msgpack can, and they are refused too.
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expectError(parseEnvelope(withFire({ fire: true, aimX: bad, aimY: 0 })), ErrorCode.invalidPayload, 5);
      expectError(parseEnvelope(withFire({ fire: true, aimX: 1, aimY: 0, viewTime: bad })), ErrorCode.invalidPayload, 5);
    }
  });
});

describe("the combat feature", () => {
  it("names its channels and events as the wire contract says", () => {
    expect(combatFeature.name).toBe("combat");
    expect(Object.keys(combatFeature.commands)).toEqual([]);
    expect(Object.keys(combatFeature.channels)).toEqual(["projectile", "combat"]);
    expect(Object.keys(combatFeature.events)).toEqual(["hit", "death", "respawn"]);
    expect(Channel.projectile).toBe("projectile");
    expect(EventAction.respawn).toBe("respawn");
    expect(eventMessage(combatFeature, "hit", { target: "2", source: "1", damage: 20, hp: 80, crit: false })).toEqual({
      v: 2,
      kind: "event",
      feature: "combat",
      action: "hit",
      payload: { target: "2", source: "1", damage: 20, hp: 80, crit: false },
    });
  });

  it("has no commands: a combat command is unknown_feature (firing rides the inputs)", () => {
    for (const result of bothCodecs({ v: 2, kind: "command", seq: 3, feature: "combat", action: "fire", payload: {} })) {
      expectError(result, ErrorCode.unknownFeature, 3);
    }
  });
});

const combatSnapshot = (mode: "full" | "delta", features: Record<string, object>): SnapshotMessage => ({
  v: 2, kind: "snapshot", payload: { mode, tick: 9, serverTime: 1_700_000_000_000, ackInputSeq: 3, features },
});

function randomProjectiles(random: () => number, count: number, firstId: number): Record<string, Partial<ProjectileFields>> {
  const set: Record<string, Partial<ProjectileFields>> = {};
  const grid = (max: number) => Math.round((random() * 2 - 1) * max * 256) / 256;
  for (let i = 0; i < count; i++) {
    const fields: Partial<ProjectileFields> = {};
    if (random() < 0.8) fields.x = grid(127);
    if (random() < 0.8) fields.y = grid(127);
    if (random() < 0.5) fields.vx = grid(40);
    if (random() < 0.5) fields.vy = grid(40);
    if (random() < 0.5) fields.owner = String(Math.floor(random() * 0x10000));
    if (random() < 0.5) fields.seq = Math.floor(random() * MAX_SEQ);
    set[String(firstId + Math.floor(random() * 1e9))] = fields;
  }
  return set;
}

describe("projectile and combat channels: binary codec", () => {
  it("round-trip full and delta snapshots exactly in both codecs", () => {
    const messages = [
      combatSnapshot("full", {
        projectile: { set: { "1": { x: 1.5, y: -63.99609375, vx: 24, vy: -0.00390625, owner: "7", seq: 2 ** 31 - 1 }, "900000000000": { x: 0, y: 0, vx: 0, vy: 0, owner: "65535", seq: 1 } } },
        combat: { set: { "1": { hp: 100, maxHp: 100, alive: true, stamina: 100, kills: 0, deaths: 0 }, "65535": { hp: 0, maxHp: 300, alive: false, kills: 12, deaths: 99_999, respawnAt: 1_800_000_000_123 } } },
      }),
      combatSnapshot("delta", {
        // Removed ids travel ascending (their order means nothing).
        projectile: { set: { "12": { x: 3, y: 4 } }, remove: ["3", "11", "4294967296"] },
        combat: { set: { "3": { stamina: 67.5 }, "4": { alive: true, hp: 100 }, "5": { alive: false } }, remove: ["9"] },
      }),
      combatSnapshot("delta", { projectile: { remove: ["5"] }, combat: { set: {} } }),
    ];
    for (const message of messages) {
      for (const codec of CODECS) expect(decodeServerMessage(encodeServerMessage(message, codec))).toEqual(message);
    }
    const random = mulberry32(10);
    for (let round = 0; round < 50; round++) {
      const message = combatSnapshot("delta", { projectile: { set: randomProjectiles(random, 1 + Math.floor(random() * 40), round * 1000) } });
      expect(decodeServerMessage(encodeServerMessage(message, "msgpack"))).toEqual(message);
    }
  });

  it("packs compactly: a moving projectile in 7 bytes or less, a player's stamina in 6", () => {
    const packed = packProjectiles({ set: { "1000": { x: 10, y: -3.5 }, "1001": { x: 11, y: -3.5 } } });
    expect("p" in packed && packed.p!.byteLength).toBe(7 + 6);
    const combat = packCombat({ set: { "5": { stamina: 40.5 } } });
    expect("p" in combat && combat.p!.byteLength).toBeLessThanOrEqual(6);
    const raw = decodeMsgpack(encodeServerMessage(combatSnapshot("delta", { projectile: { set: { "1": { x: 1 } } } }), "msgpack") as Uint8Array) as {
      payload: { features: { projectile: object } };
    };
    expect(Object.keys(raw.payload.features.projectile)).toEqual(["p"]);
  });

  it("sends a patch it cannot carry exactly as the plain patch (never fails a snapshot), and decodes it", () => {
    const odd: ChannelPatch<ProjectileFields>[] = [
      { set: { "1": { x: 1 / 3 } } },
      { set: { "1": { x: 1024.00390625 } } },
      { set: { "01": { x: 1 } } },
      { set: { "1": { owner: "player-7" } } },
      { remove: ["x"] },
    ];
    for (const patch of odd) {
      expect(packProjectiles(patch)).toBe(patch);
      const message = combatSnapshot("delta", { projectile: patch });
      expect(decodeServerMessage(encodeServerMessage(message, "msgpack"))).toEqual(message);
    }
    for (const patch of [{ set: { "1": { hp: 2.5 } } }, { set: { "1": { stamina: 1 / 3 } } }, { set: { "1": { kills: -1 } } }, { set: { "70000": { hp: 1 } } }] as ChannelPatch<CombatFields>[]) {
      expect(packCombat(patch)).toBe(patch);
      const message = combatSnapshot("delta", { combat: patch });
      expect(decodeServerMessage(encodeServerMessage(message, "msgpack"))).toEqual(message);
    }
  });

  it("keeps a 128 m room's records byte for byte (int16) and carries a plaza's exactly in wide records", () => {
    const room = packProjectiles({ set: { "5": { x: 10, y: -3.5, vx: 36, vy: 0, owner: "2", seq: 3 } } }) as { p: Uint8Array };
    expect([...room.p]).toEqual([5, 0x3f, 0x00, 0x0a, 0x80, 0xfc, 0x00, 0x24, 0x00, 0x00, 2, 0, 3]);
    const far = { "5": { x: 200, y: -900.5, vx: 36, vy: 0 }, "6": { x: 1, y: 2 } };
    const wide = packProjectiles({ set: far }) as { p: Uint8Array };
    expect([...wide.p.subarray(0, 18)]).toEqual([5, 0x4f, 0x00, 0xc8, 0x00, 0x00, 0x80, 0x7b, 0xfc, 0xff, 0x00, 0x24, 0x00, 0x00, 0, 0, 0, 0]);
    expect(wide.p.byteLength).toBe(18 + 6);
    expect(unpackProjectiles(wide).set).toEqual(far);
    expect(() => unpackProjectiles({ p: Uint8Array.of(1, 0x41, 0, 0, 0x05, 0) })).toThrow(/out of wire range/);
  });

  it("refuses truncated or inconsistent bytes rather than misreading them", () => {
    const packed = packProjectiles({ set: { "1": { x: 1, y: 2, seq: 300 } } }) as { p: Uint8Array };
    expect(() => unpackProjectiles({ p: packed.p.subarray(0, packed.p.length - 1) })).toThrow(/truncated/);
    expect(() => unpackProjectiles({ p: new Uint8Array([1, 0x80]) })).toThrow(/unknown field bits/);
    expect(() => unpackProjectiles({ p: [1, 2] })).toThrow(/binary/);
    expect(() => unpackProjectiles(null)).toThrow(/map/);
    expect(() => unpackCombat({ p: new Uint8Array([1, 0, ALIVE_VALUE_WITHOUT_ALIVE]) })).toThrow(/alive/);
    expect(() => unpackCombat({ p: new Uint8Array([1, 0, 1, 5]) })).toThrow(/truncated/);
    expect(() => unpackCombat({ r: ["1"] })).toThrow(/u16/);
  });
});

/** Bit 3 of a combat record's mask (alive's value) without bit 2 (alive present). */
const ALIVE_VALUE_WITHOUT_ALIVE = 8;
