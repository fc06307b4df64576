// Interest management (ARCHITECTURE.md "Interest management"): a room whose kind has a radius (64 m here, in today's
// 128 m world) sends each connection what is near its player. Clocked rooms: time moves only when the test says.
import { describe, expect, it } from "vitest";
import { inRoomWorld, interestRoom, placeIn, removedSince, replicaOf, setsSince, snapshotPeriod } from "./support/interest-room.ts";

const FILTERED_BY_ENTITY = ["movement", "combat", "build_preview"] as const;

describe("interest views: what a connection gets of the entities around its player", () => {
  it("an entity at 60 m is in, at 70 m still in once in, at 73 m out; it enters with every field and leaves in every filtered channel's remove", async () => {
    const room = await interestRoom("views");
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    const clients = [ann.client, bob.client];
    const bobId = bob.welcome.payload.entityId;
    const annId = ann.welcome.payload.entityId;
    // Bob shows a ghost: the build_preview channel has an entry of his too.
    bob.client.send({ v: 2, kind: "command", seq: bob.client.nextSeq(), feature: "build", action: "preview", payload: { tx: 30, ty: 3, kind: "wall" } });
    await snapshotPeriod(room, clients);
    expect(replicaOf(ann.client).get("build_preview")?.get(bobId)).toEqual({ tx: 30, ty: 3, kind: "wall" });

    // 73 m apart: bob leaves ann's view, from every filtered channel; he stays on her roster.
    await placeIn(room, "ann", -36, 0);
    await placeIn(room, "bob", 37, 0);
    let since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    for (const channel of FILTERED_BY_ENTITY) expect(removedSince(ann.client, channel, since), channel).toContain(bobId);
    expect(removedSince(ann.client, "presence", since)).not.toContain(bobId);
    let held = replicaOf(ann.client);
    expect(held.get("movement")?.has(bobId)).toBe(false);
    expect(held.get("presence")?.get(bobId)).toMatchObject({ kind: "player", playerId: "bob" });
    expect(held.get("movement")?.get(annId)).toMatchObject({ x: -36, y: 0 });

    // 70 m: not yet back (an entity enters at 64 m).
    await placeIn(room, "bob", 34, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    for (const channel of FILTERED_BY_ENTITY) expect(setsSince(ann.client, channel, bobId, since), channel).toEqual([]);

    // 60 m: in, with all his fields in every filtered channel, exactly what bob's own copy holds.
    await placeIn(room, "bob", 24, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    const bobsOwn = replicaOf(bob.client);
    expect(setsSince(ann.client, "movement", bobId, since)).toEqual([{ x: 24, y: 0, vx: 0, vy: 0 }]);
    expect(setsSince(ann.client, "combat", bobId, since)).toEqual([bobsOwn.get("combat")!.get(bobId)]);
    expect(Object.keys(setsSince(ann.client, "combat", bobId, since)[0]!)).toEqual(expect.arrayContaining(["hp", "maxHp", "alive", "kills", "deaths"]));
    expect(setsSince(ann.client, "build_preview", bobId, since)).toEqual([{ tx: 30, ty: 3, kind: "wall" }]);

    // 70 m once in: still in (hysteresis), moving as usual.
    await placeIn(room, "bob", 34, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(setsSince(ann.client, "movement", bobId, since)).toEqual([{ x: 34 }]);
    for (const channel of FILTERED_BY_ENTITY) expect(removedSince(ann.client, channel, since), channel).not.toContain(bobId);

    // 73 m: out again.
    await placeIn(room, "bob", 37, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    for (const channel of FILTERED_BY_ENTITY) expect(removedSince(ann.client, channel, since), channel).toContain(bobId);
    for (const { client } of [ann, bob]) client.close();
  });

  it("a full snapshot (a resync) holds only the view, and the whole roster", async () => {
    const room = await interestRoom("full");
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    const cat = await room.connect({ playerId: "cat" });
    const clients = [ann.client, bob.client, cat.client];
    await placeIn(room, "ann", -40, 0);
    await placeIn(room, "bob", 40, 0);
    await placeIn(room, "cat", -30, 10);
    await snapshotPeriod(room, clients);
    const since = ann.client.received.length;
    ann.client.send({ v: 2, kind: "command", seq: ann.client.nextSeq(), feature: "session", action: "resync", payload: {} });
    await snapshotPeriod(room, clients);
    const full = ann.client.received.slice(since).find((m) => m.kind === "snapshot" && m.payload.mode === "full");
    expect(full).toBeDefined();
    const features = (full as { payload: { features: Record<string, { set: Record<string, unknown> }> } }).payload.features;
    const ids = (entity: { welcome: { payload: { entityId: string } } }) => entity.welcome.payload.entityId;
    expect(Object.keys(features.movement!.set).sort()).toEqual([ids(ann), ids(cat)].sort());
    expect(Object.keys(features.combat!.set).sort()).toEqual([ids(ann), ids(cat)].sort());
    expect(Object.keys(features.presence!.set).sort()).toEqual([ids(ann), ids(bob), ids(cat)].sort());
    for (const { client } of [ann, bob, cat]) client.close();
  });

  it("creatures' presence is filtered by the view, players' is the room's roster", async () => {
    const room = await interestRoom("deer", "DEER_ROOMS");
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    const clients = [ann.client, bob.client];
    await snapshotPeriod(room, clients);
    const deerId = await inRoomWorld(room, (world) => [...world.creatures.keys()][0]!);
    await placeIn(room, "ann", -50, -50);
    await placeIn(room, "bob", 50, 50);
    await inRoomWorld(room, (world) => world.teleport(world.creatures.get(deerId)!, 40, 50));
    await snapshotPeriod(room, clients);
    let held = replicaOf(ann.client);
    expect(held.get("presence")?.has(deerId)).toBe(false);
    expect(held.get("movement")?.has(deerId)).toBe(false);
    expect(held.get("presence")?.get(bob.welcome.payload.entityId)).toMatchObject({ kind: "player", playerId: "bob" });
    expect(replicaOf(bob.client).get("presence")?.get(deerId)).toMatchObject({ kind: "creature", species: "deer" });

    const deer = replicaOf(bob.client).get("presence")!.get(deerId);
    const since = ann.client.received.length;
    await inRoomWorld(room, (world) => world.teleport(world.creatures.get(deerId)!, -40, -50));
    await snapshotPeriod(room, clients);
    expect(setsSince(ann.client, "presence", deerId, since)).toEqual([deer]);
    held = replicaOf(ann.client);
    expect(held.get("movement")?.has(deerId)).toBe(true);
    expect(removedSince(bob.client, "presence", since)).toContain(deerId);
    for (const { client } of [ann, bob]) client.close();
  });
});

describe("interest views stay consistent as everyone moves", () => {
  it("after every snapshot, each client holds every player within 64 m, none beyond 72 m, each with the room's current fields", async () => {
    const room = await interestRoom("consistent");
    const ids = ["p0", "p1", "p2", "p3", "p4", "p5"];
    const joined = [];
    for (const playerId of ids) joined.push(await room.connect({ playerId }));
    const clients = joined.map((j) => j.client);
    const entityOf = new Map(joined.map((j, i) => [ids[i]!, j.welcome.payload.entityId]));
    let seed = 19;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 8; round++) {
      const at = new Map<string, { x: number; y: number }>();
      for (const playerId of ids) {
        // Whole metres within the world; some rounds move only a few players, so views change a little at a time.
        const spot = round > 0 && random() < 0.5 ? undefined : { x: Math.floor(random() * 120) - 60, y: Math.floor(random() * 120) - 60 };
        if (spot) await placeIn(room, playerId, spot.x, spot.y);
      }
      await inRoomWorld(room, (world) => {
        for (const [playerId, player] of world.players) at.set(playerId, { x: world.sim.bodies.x(player.slot), y: world.sim.bodies.y(player.slot) });
      });
      await snapshotPeriod(room, clients);
      for (const [i, viewer] of ids.entries()) {
        const held = replicaOf(clients[i]!);
        const me = at.get(viewer)!;
        for (const other of ids) {
          const there = at.get(other)!;
          const distance = Math.hypot(there.x - me.x, there.y - me.y);
          const entity = entityOf.get(other)!;
          const movement = held.get("movement")?.get(entity);
          if (distance <= 64) expect(movement, `${viewer} holds ${other} at ${distance} m (round ${round})`).toMatchObject({ x: there.x, y: there.y });
          if (distance > 72) expect(movement, `${viewer} holds ${other} at ${distance} m (round ${round})`).toBeUndefined();
          if (movement) expect(movement).toMatchObject({ x: there.x, y: there.y });
          expect(held.get("combat")?.has(entity)).toBe(movement !== undefined);
          expect(held.get("presence")?.has(entity)).toBe(true);
        }
      }
    }
    for (const client of clients) client.close();
  });
});
