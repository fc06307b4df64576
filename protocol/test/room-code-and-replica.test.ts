import { describe, expect, it } from "vitest";
import { applySnapshot, createReplica, isValidPlayerId, normaliseRoomCode, type SnapshotPayload } from "../src/index.ts";

describe("room codes and player ids", () => {
  const outside = [
    "", " ", "has space", " lead", "trail ", "tab\t", "new\nline", "abc\n", "\nabc", "nul\u0000", "café", "émoji🙂", "a/b", "a.b", "..",
    "a%2Fb", "a+b", "a:b", "a~b", "a=b", "\u212a", "İstanbul", "ｆｕｌｌ", "ß", "a\u200bb", "\u0430bc" /* Cyrillic а */,
  ];

  it("normalises valid room codes to lower case", () => {
    expect(normaliseRoomCode("Lobby-1_A")).toBe("lobby-1_a");
    expect(normaliseRoomCode("LOBBY")).toBe(normaliseRoomCode("lobby"));
    expect(normaliseRoomCode("a")).toBe("a");
    expect(normaliseRoomCode("Z")).toBe("z");
    expect(normaliseRoomCode("-")).toBe("-");
    expect(normaliseRoomCode("_")).toBe("_");
    expect(normaliseRoomCode("0123456789")).toBe("0123456789");
    expect(normaliseRoomCode("X".repeat(32))).toBe("x".repeat(32));
    expect(normaliseRoomCode("aBcDeFgHiJkLmNoPqRsTuVwXyZ-_0189")).toBe("abcdefghijklmnopqrstuvwxyz-_0189");
  });

  it("rejects room codes over 32 characters or outside [A-Za-z0-9_-]", () => {
    expect(normaliseRoomCode("x".repeat(33))).toBeNull();
    expect(normaliseRoomCode("X".repeat(1000))).toBeNull();
    for (const bad of outside) expect(normaliseRoomCode(bad), JSON.stringify(bad)).toBeNull();
  });

  it("accepts player ids of 1–64 characters of [A-Za-z0-9_-], case kept", () => {
    expect(isValidPlayerId("a")).toBe(true);
    expect(isValidPlayerId("user_2abcDEF-9")).toBe(true);
    expect(isValidPlayerId("p".repeat(32))).toBe(true);
    expect(isValidPlayerId("p".repeat(33))).toBe(true);
    expect(isValidPlayerId("P".repeat(64))).toBe(true);
  });

  it("rejects player ids over 64 characters or outside [A-Za-z0-9_-]", () => {
    expect(isValidPlayerId("p".repeat(65))).toBe(false);
    for (const bad of [...outside, "x;drop", "ünïcode", "a b"]) expect(isValidPlayerId(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe("replica merge", () => {
  const snap = (mode: "full" | "delta", features: SnapshotPayload["features"]): SnapshotPayload => ({ mode, tick: 1, serverTime: 0, ackInputSeq: 0, features });

  it("replaces on full, merges fields on delta, removes before it sets", () => {
    const replica = createReplica();
    applySnapshot(replica, snap("full", { movement: { set: { "1": { x: 1, y: 2, vx: 0, vy: 0 }, "2": { x: 5, y: 5, vx: 0, vy: 0 } } } }));
    applySnapshot(replica, snap("delta", { movement: { set: { "1": { x: 3 } }, remove: ["2"] } }));
    expect(Object.fromEntries(replica.get("movement")!)).toEqual({ "1": { x: 3, y: 2, vx: 0, vy: 0 } });
    // An id that left and was reused within one interval ends up as the newcomer.
    applySnapshot(replica, snap("delta", { movement: { remove: ["1"], set: { "1": { x: 9, y: 9, vx: 0, vy: 0 } } } }));
    expect(replica.get("movement")!.get("1")).toEqual({ x: 9, y: 9, vx: 0, vy: 0 });
    applySnapshot(replica, snap("full", { movement: { set: { "4": { x: 0, y: 0, vx: 0, vy: 0 } } } }));
    expect([...replica.get("movement")!.keys()]).toEqual(["4"]);
  });

  it("clears channels a full snapshot does not carry", () => {
    const replica = createReplica();
    applySnapshot(replica, snap("full", { presence: { set: { "1": { name: "A" } } } }));
    applySnapshot(replica, snap("full", {}));
    expect(replica.get("presence")!.size).toBe(0);
  });
});
