// Interest management, continued: structures arrive by whole 16 m chunks as a player moves; events reach the
// connections that have their entity in view; chat `nearby` is the grid's 20 m. Clocked rooms of a 64 m radius.
import { describe, expect, it } from "vitest";
import { Kind, type ServerMessage } from "@edgehold/protocol";
import { acked, line, linesOf, say } from "./support/chat-client.ts";
import { fireAt } from "./support/combat-player.ts";
import { interestRoom, placeIn, removedSince, replicaOf, setsSince, snapshotPeriod, snapshotsSince, stillInput } from "./support/interest-room.ts";
import { createCharacter } from "./support/combat-player.ts";

const eventsOf = (messages: readonly ServerMessage[], feature: string, action: string) =>
  messages.filter((m) => m.kind === Kind.event && m.feature === feature && m.action === action).map((m) => (m as { payload: Record<string, unknown> }).payload);

describe("interest: structures by chunk", () => {
  it("a connection gets the structures of whole 16 m chunks within R + 16 m; the rest arrive as it moves, and go as it leaves", async () => {
    const room = await interestRoom("chunks");
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    const clients = [ann.client, bob.client];
    await placeIn(room, "ann", -60, 0);
    await placeIn(room, "bob", 44, 0);
    await snapshotPeriod(room, clients);
    // Two walls in chunk x 32..47, one in chunk x 48..63 (tiles are 1 m).
    let seq = 0;
    for (const tx of [42, 47, 48]) bob.client.sendInputs([stillInput(++seq, { build: { op: "place", tx, ty: 0, kind: "wall" } })]);
    await snapshotPeriod(room, clients);
    await snapshotPeriod(room, clients);
    const built = replicaOf(bob.client).get("build")!;
    const idAt = (tx: number) => [...built].find(([, s]) => s.tx === tx)![0];
    const [near, nearToo, further] = [idAt(42), idAt(47), idAt(48)];
    // Ann at -60: the nearest point of chunk 32..47 is 92 m away (> 80): nothing of it.
    expect(replicaOf(ann.client).get("build")?.size ?? 0).toBe(0);

    // At -40 that chunk is 72 m away: both its walls arrive, whole (every field), the one in the next chunk (88 m) not.
    await placeIn(room, "ann", -40, 0);
    let since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(setsSince(ann.client, "build", near, since)).toEqual([built.get(near)]);
    expect(setsSince(ann.client, "build", nearToo, since)).toEqual([built.get(nearToo)]);
    expect(setsSince(ann.client, "build", further, since)).toEqual([]);

    // At -30 the next chunk is 78 m away: it arrives too.
    await placeIn(room, "ann", -30, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(setsSince(ann.client, "build", further, since)).toEqual([built.get(further)]);
    expect([...replicaOf(ann.client).get("build")!.keys()].sort()).toEqual([near, nearToo, further].sort());

    // A change inside a chunk ann holds reaches her as a delta: bob removes a wall.
    bob.client.sendInputs([stillInput(++seq, { build: { op: "remove", tx: 47, ty: 0 } })]);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(removedSince(ann.client, "build", since)).toEqual([nearToo]);

    // Back at -60: both chunks are beyond R + 16 + 8 m: their structures are removed.
    await placeIn(room, "ann", -60, 0);
    since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(removedSince(ann.client, "build", since).sort()).toEqual([near, further].sort());
    expect(replicaOf(ann.client).get("build")?.size).toBe(0);
    for (const client of clients) client.close();
  });

  it("only chunks with structures are held: a wall placed in an empty chunk seen through the margin arrives once within R + 16 m", async () => {
    const room = await interestRoom("chunks-margin");
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    const clients = [ann.client, bob.client];
    // Ann passes within 72 m of the empty chunk x 32..47, then stands 82 m from it (beyond R + 16, within R + 24).
    await placeIn(room, "ann", -40, 0);
    await placeIn(room, "bob", 44, 0);
    await snapshotPeriod(room, clients);
    await placeIn(room, "ann", -50, 0);
    await snapshotPeriod(room, clients);
    bob.client.sendInputs([stillInput(1, { build: { op: "place", tx: 42, ty: 0, kind: "wall" } })]);
    await snapshotPeriod(room, clients);
    await snapshotPeriod(room, clients);
    const built = replicaOf(bob.client).get("build")!;
    const [wall] = [...built.keys()];
    expect(wall).toBeDefined();
    expect(replicaOf(ann.client).get("build")?.size ?? 0).toBe(0);

    // At -45 the chunk is 77 m away: the wall arrives, whole.
    await placeIn(room, "ann", -45, 0);
    const since = ann.client.received.length;
    await snapshotPeriod(room, clients);
    expect(setsSince(ann.client, "build", wall!, since)).toEqual([built.get(wall!)]);
    for (const client of clients) client.close();
  });
});

describe("interest: events reach the connections that have their entity in view", () => {
  it("a hit, and an emote, reach the players involved and those near; one 85 m away hears of neither, nor sees the projectile; the roster stays room-wide", async () => {
    const room = await interestRoom("events");
    const shooterId = `${room.code}-shooter`;
    await createCharacter(shooterId, "ranger");
    const shooter = await room.connect({ playerId: shooterId });
    const target = await room.connect({ playerId: "target" });
    const near = await room.connect({ playerId: "near" });
    const far = await room.connect({ playerId: "far" });
    const clients = [shooter.client, target.client, near.client, far.client];
    await placeIn(room, shooterId, -5, 0);
    await placeIn(room, "target", 0, 0);
    await placeIn(room, "near", 0, 30);
    await placeIn(room, "far", 60, 60);
    // The target fires once, away from everyone, so its spawn protection ends.
    target.client.sendInputs([stillInput(1, fireAt({ x: 0, y: 0 }, { x: 0, y: -1 }))]);
    await snapshotPeriod(room, clients);
    const from = clients.map((client) => client.received.length);

    shooter.client.sendInputs([stillInput(1, fireAt({ x: -5, y: 0 }, { x: 0, y: 0 }))]);
    const targetId = target.welcome.payload.entityId;
    const hitOnTarget = (client: typeof shooter.client, i: number) =>
      eventsOf(client.received.slice(from[i]), "combat", "hit").some((hit) => hit.target === targetId);
    for (let steps = 0; !hitOnTarget(shooter.client, 0); steps++) {
      if (steps > 30) throw new Error("no hit within a second");
      await snapshotPeriod(room, clients);
    }
    expect(hitOnTarget(target.client, 1)).toBe(true);
    expect(hitOnTarget(near.client, 2)).toBe(true);
    expect(eventsOf(far.client.received.slice(from[3]), "combat", "hit")).toEqual([]);
    // The projectile flew 60+ m from `far`: never in its `projectile` channel; `near` (30 m) saw it.
    const projectileIds = (client: typeof far.client, i: number) =>
      snapshotsSince(client, from[i]).flatMap((s) => Object.keys((s.payload.features as { projectile?: { set?: object } }).projectile?.set ?? {}));
    expect(projectileIds(far.client, 3)).toEqual([]);
    expect(projectileIds(near.client, 2).length).toBeGreaterThan(0);

    // An emote: the near player sees it, the far one does not.
    const emoteFrom = clients.map((client) => client.received.length);
    await acked(target.client, say(target.client, "/emote wave"));
    await snapshotPeriod(room, clients);
    expect(eventsOf(near.client.received.slice(emoteFrom[2]), "chat", "emote")).toEqual([{ entity: targetId, emote: "wave" }]);
    expect(eventsOf(target.client.received.slice(emoteFrom[1]), "chat", "emote")).toEqual([{ entity: targetId, emote: "wave" }]);
    expect(eventsOf(far.client.received.slice(emoteFrom[3]), "chat", "emote")).toEqual([]);

    // The roster is the room's: `far` holds every player in presence, and none of them in movement.
    const farHolds = replicaOf(far.client);
    for (const other of [shooter, target, near]) {
      expect(farHolds.get("presence")?.get(other.welcome.payload.entityId)).toMatchObject({ kind: "player" });
      expect(farHolds.get("movement")?.has(other.welcome.payload.entityId)).toBe(false);
    }
    // And a room line reaches everyone, however far.
    await acked(far.client, say(far.client, "hello plaza"));
    expect(await line(shooter.client, (l) => l.text === "hello plaza")).toMatchObject({ scope: "room" });
    for (const client of clients) client.close();
  });

  it("a join is heard within R of where the newcomer appears and a leave by those that had it in view; one far away hears of neither, yet holds the roster", async () => {
    const room = await interestRoom("presence");
    const near = await room.connect({ playerId: "near" });
    const far = await room.connect({ playerId: "far" });
    const clients = [near.client, far.client];
    // Players appear on the spawn ring, 4-8 m from the centre: `near` stands at the centre, `far` ~85 m from it.
    await placeIn(room, "near", 0, 0);
    await placeIn(room, "far", -60, -60);
    await snapshotPeriod(room, clients);
    const from = clients.map((client) => client.received.length);

    const carl = await room.connect({ playerId: "carl" });
    await snapshotPeriod(room, [...clients, carl.client]);
    const carlId = carl.welcome.payload.entityId;
    expect(eventsOf(near.client.received.slice(from[0]), "presence", "join")).toEqual([{ entityId: carlId, playerId: "carl", name: "carl" }]);
    expect(eventsOf(far.client.received.slice(from[1]), "presence", "join")).toEqual([]);
    expect(replicaOf(far.client).get("presence")?.get(carlId)).toMatchObject({ kind: "player", playerId: "carl" });
    expect(eventsOf(carl.client.received, "presence", "join")).toEqual([]);

    carl.client.close();
    await near.client.next((m) => m.kind === Kind.event && m.feature === "presence" && m.action === "leave");
    await snapshotPeriod(room, clients);
    expect(eventsOf(near.client.received.slice(from[0]), "presence", "leave")).toMatchObject([{ entityId: carlId, playerId: "carl" }]);
    expect(eventsOf(far.client.received.slice(from[1]), "presence", "leave")).toEqual([]);
    expect(replicaOf(far.client).get("presence")?.has(carlId)).toBe(false);
    for (const client of clients) client.close();
  });

  it("nearby chat: the players within 20 m through the grid, across cell edges, the boundary included", async () => {
    const room = await interestRoom("nearby");
    const ann = await room.connect({ playerId: "ann" });
    const others = ["east", "corner", "edge", "out", "west"];
    const joined = await Promise.all(others.map((playerId) => room.connect({ playerId })));
    const clients = [ann.client, ...joined.map((j) => j.client)];
    // Cells are 16 m from -64: ann at (1, 1) is in cell 0..16; every other player lies in another cell.
    await placeIn(room, "ann", 1, 1);
    await placeIn(room, "east", 20, 1); // 19 m
    await placeIn(room, "corner", 13, 17); // exactly 20 m (12, 16)
    await placeIn(room, "edge", 1, -19); // exactly 20 m
    await placeIn(room, "out", -19, 1.5); // 20.006 m
    await placeIn(room, "west", -14, -12); // 19.8 m
    await snapshotPeriod(room, clients);
    const from = clients.map((client) => client.received.length);
    await acked(ann.client, say(ann.client, "who is close?", "nearby"));
    for (const client of clients) await client.roundTrip();
    const heard = (i: number) => linesOf(clients[i]!, from[i]).some((l) => l.text === "who is close?");
    expect(["ann", ...others].filter((_, i) => heard(i))).toEqual(["ann", "east", "corner", "edge", "west"]);
    for (const client of clients) client.close();
  });
});
