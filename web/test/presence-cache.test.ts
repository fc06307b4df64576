// The page reads the room's roster (presence) once per change, not once per frame: a 1,000-player plaza's roster
// would otherwise be re-read 60 times a second.
import { applySnapshot, createReplica, type SnapshotPayload } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { PresenceByIdCache } from "../src/net/presence.ts";

function delta(set: Record<string, Record<string, unknown>>, remove: string[] = []): SnapshotPayload {
  return { mode: "delta", tick: 1, serverTime: 0, ackInputSeq: 0, features: { presence: { set, remove } } } as unknown as SnapshotPayload;
}

describe("the roster read once per presence change", () => {
  it("hands back the same map while the channel's version stands, and the new roster once it moves", () => {
    const replica = createReplica();
    const cache = new PresenceByIdCache();
    applySnapshot(replica, delta({ "1": { kind: "player", playerId: "p1", name: "Ann" } }));
    const first = cache.read(replica, 1);
    expect([...first.values()].map((p) => p.name)).toEqual(["Ann"]);
    expect(cache.read(replica, 1)).toBe(first);
    applySnapshot(replica, delta({ "2": { kind: "player", playerId: "p2", name: "Bob" } }, ["1"]));
    const second = cache.read(replica, 2);
    expect(second).not.toBe(first);
    expect([...second.values()].map((p) => p.name)).toEqual(["Bob"]);
  });
});
