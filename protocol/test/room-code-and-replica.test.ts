import { describe, expect, it } from "vitest";
import { applySnapshot, createReplica, isValidPlayerId, normaliseRoomCode, type SnapshotPayload } from "../src/index.ts";

describe("room codes and player ids", () => {
  it("normalises valid room codes to lower case and rejects the rest", () => {
    expect(normaliseRoomCode("Lobby-1_A")).toBe("lobby-1_a");
    expect(normaliseRoomCode("a")).toBe("a");
    expect(normaliseRoomCode("x".repeat(32))).toBe("x".repeat(32));
    for (const bad of ["", "x".repeat(33), "has space", "café", "a/b", "a.b", "émoji🙂", "tab\t"]) expect(normaliseRoomCode(bad)).toBeNull();
  });

  it("accepts player ids of 1–64 safe characters", () => {
    expect(isValidPlayerId("user_2abcDEF-9")).toBe(true);
    expect(isValidPlayerId("p".repeat(64))).toBe(true);
    for (const bad of ["", "p".repeat(65), "a b", "ünïcode", "x;drop"]) expect(isValidPlayerId(bad)).toBe(false);
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
