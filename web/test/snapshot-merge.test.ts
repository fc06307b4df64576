import { Channel, decodeMsgpack } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { readKinematics } from "../src/net/kinematics.ts";
import { readPresence } from "../src/net/presence.ts";
import { ClientFixture } from "./support/client-fixture.ts";

const me = { playerId: "me", name: "Me", connected: true, characterId: "default", characterClass: "warrior", color: "#ff0000", cosmetics: "" };
const you = { ...me, playerId: "you", name: "You", color: "#00ff00" };

describe("snapshot replication in the room client", () => {
  it("merges a full snapshot and then deltas per channel, per entity, per field", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, {
      presence: { set: { "1": me, "2": you } },
      movement: { set: { "1": { x: 1, y: 2, vx: 0, vy: 0 }, "2": { x: -4, y: 8.5, vx: 0, vy: 0 } } },
    });
    expect(f.client.players().map((p) => p.name)).toEqual(["Me", "You"]);

    // Only entity 2's x and vx changed: y and the other entity keep their values.
    f.snapshot("delta", 6, 0, { movement: { set: { "2": { x: -3.5, vx: 1.5 } } } });
    const movement = f.client.replica.get(Channel.movement)!;
    expect(readKinematics(movement.get("2"))).toEqual({ x: -3.5, y: 8.5, vx: 1.5, vy: 0 });
    expect(readKinematics(movement.get("1"))).toEqual({ x: 1, y: 2, vx: 0, vy: 0 });

    // The newest buffered frame has every entity's complete state, not just the changed fields.
    const newest = f.client.buffer.newest!;
    expect(newest.tick).toBe(6);
    expect(newest.entities.get("1")).toEqual({ x: 1, y: 2, vx: 0, vy: 0 });
    expect(newest.entities.get("2")).toEqual({ x: -3.5, y: 8.5, vx: 1.5, vy: 0 });
  });

  it("drops removed entities from every channel's copy and from the next frame", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, {
      presence: { set: { "1": me, "2": you } },
      movement: { set: { "1": { x: 0, y: 0, vx: 0, vy: 0 }, "2": { x: 1, y: 1, vx: 0, vy: 0 } } },
    });
    f.snapshot("delta", 6, 0, { presence: { remove: ["2"] }, movement: { remove: ["2"] } });
    expect(f.client.players().map((p) => p.entityId)).toEqual(["1"]);
    expect(f.client.buffer.newest!.entities.has("2")).toBe(false);
  });

  it("lets a full snapshot replace everything it was holding", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { presence: { set: { "1": me, "2": you } }, movement: { set: { "2": { x: 1, y: 1, vx: 0, vy: 0 } } } });
    f.snapshot("full", 6, 0, { presence: { set: { "1": me } }, movement: { set: { "1": { x: 9, y: 9, vx: 0, vy: 0 } } } });
    expect([...f.client.replica.get(Channel.movement)!.keys()]).toEqual(["1"]);
    expect(f.client.players()).toHaveLength(1);
  });

  it("restores its own entity from the snapshot exactly and starts predicting from it", async () => {
    const f = new ClientFixture();
    await f.welcome();
    expect(f.client.predictor.ready).toBe(false);
    f.snapshot("full", 3, 0, { presence: { set: { "1": me } }, movement: { set: { "1": { x: 10.25, y: -3.5, vx: 0, vy: 0 } } } });
    expect(f.client.predictor.ready).toBe(true);
    expect(f.client.predictor.latest).toEqual({ x: 10.25, y: -3.5, vx: 0, vy: 0 });
  });

  it("asks for a full snapshot (session.resync) when a delta names an entity it does not fully know", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { movement: { set: { "1": { x: 0, y: 0, vx: 0, vy: 0 } } } });
    f.socket.takeSent();
    f.snapshot("delta", 6, 0, { movement: { set: { "7": { x: 1 } } } });
    const sent = f.socket.takeSent().map((frame) => decodeMsgpack(frame as Uint8Array));
    expect(sent).toContainEqual(expect.objectContaining({ kind: "command", feature: "session", action: "resync" }));
    expect(f.client.buffer.newest!.entities.has("7")).toBe(false);
  });
});

describe("reading untrusted replica entries", () => {
  it("rejects movement entries with missing or non-numeric fields instead of casting them", () => {
    expect(readKinematics({ x: 1, y: 2, vx: 0, vy: 0 })).toEqual({ x: 1, y: 2, vx: 0, vy: 0 });
    expect(readKinematics({ x: 1, y: 2, vx: 0 })).toBeUndefined();
    expect(readKinematics({ x: "1", y: 2, vx: 0, vy: 0 })).toBeUndefined();
    expect(readKinematics({ x: Number.NaN, y: 2, vx: 0, vy: 0 })).toBeUndefined();
    expect(readKinematics(undefined)).toBeUndefined();
  });

  it("gives presence entries safe defaults for missing or malformed fields", () => {
    expect(readPresence("5", { name: 42, color: "red; background:url(x)", connected: "yes" })).toEqual({
      entityId: "5",
      playerId: "",
      name: "player 5",
      connected: true,
      color: undefined,
      kind: "player",
      species: undefined,
      characterClass: undefined,
    });
    // A creature's kind and species; a species on a player entry is ignored.
    expect(readPresence("7", { kind: "creature", species: "wolf", name: "Grey" })).toMatchObject({ kind: "creature", species: "wolf", name: "Grey" });
    expect(readPresence("8", { kind: "player", species: "wolf" })).toMatchObject({ kind: "player", species: undefined });
    expect(readPresence("6", { playerId: "p", name: "Ann", color: "#00AAFF", connected: false }).color).toBe("#00AAFF");
  });
});
