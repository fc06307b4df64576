import { describe, expect, it } from "vitest";
import { decodeMsgpack, encodeSnapshotFeatures, joinEncodedFeatures } from "../src/index.ts";

describe("joinEncodedFeatures: a view's own channel added to another view's encoding", () => {
  const room = { movement: { set: { "1": { x: 1, y: 2, vx: 0, vy: 0 } } }, presence: { set: { "1": { kind: "player", playerId: "a", name: "A" } } } };
  const party = { party: { set: { "1": { name: "A", hp: 40, maxHp: 100 } } } };

  it("decodes exactly as the two encoded together, in both codecs", () => {
    const json = joinEncodedFeatures(encodeSnapshotFeatures(room, "json"), encodeSnapshotFeatures(party, "json"));
    expect(json.codec === "json" && JSON.parse(json.text)).toEqual({ ...room, ...party });
    const packed = joinEncodedFeatures(encodeSnapshotFeatures(room, "msgpack"), encodeSnapshotFeatures(party, "msgpack"));
    const together = encodeSnapshotFeatures({ ...room, ...party }, "msgpack");
    // Byte for byte what encoding both at once gives (the same entries in the same order under one map header).
    expect(packed.codec === "msgpack" && Array.from(packed.bytes)).toEqual(together.codec === "msgpack" && Array.from(together.bytes));
  });

  it("keeps the other side when one is empty, and counts past 15 channels (map16)", () => {
    const empty = encodeSnapshotFeatures({}, "msgpack");
    const one = encodeSnapshotFeatures(party, "msgpack");
    expect(joinEncodedFeatures(one, empty)).toBe(one);
    expect(joinEncodedFeatures(empty, one)).toBe(one);
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, { set: {} }]));
    const joined = joinEncodedFeatures(encodeSnapshotFeatures(many, "msgpack"), one);
    expect(joined.codec === "msgpack" && decodeMsgpack(joined.bytes)).toEqual({ ...many, ...party });
  });
});
