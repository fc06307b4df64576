// Parties in a room (ARCHITECTURE.md "Play together"): the scoped `party` channel (every member present, to every
// member, whatever their view), party chat, and the party's summon reaching a member in a room.
import { env } from "cloudflare:test";
import { chatFeature, Kind, type ServerMessage } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { inRoomWorld, interestRoom, placeIn, replicaOf, snapshotPeriod } from "./support/interest-room.ts";
import { partyMatchmake } from "../src/parties/party-matchmake.ts";
import { formParty, invite, join, kick, me, players } from "./support/party-api.ts";
import { createRoom } from "./support/room-api.ts";
import { place } from "./support/room-internals.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";

/** The party entries a client holds now. */
function partyOf(client: TestClient): Record<string, unknown> {
  return Object.fromEntries(replicaOf(client).get("party") ?? new Map());
}

/** Whether any snapshot a client received carried an entry of the `party` channel (a full one lists it, empty). */
function everSawParty(client: TestClient): boolean {
  return client.received.some((m) => {
    const party = m.kind === Kind.snapshot ? (m.payload.features as Record<string, { set?: object } | undefined>).party : undefined;
    return party?.set !== undefined && Object.keys(party.set).length > 0;
  });
}

describe("party channel: members' hp whatever their view", () => {
  it("two members 120 m apart in a room with a 64 m radius see each other's name and hp; a stranger beside one sees none of it", async () => {
    const [ann, bob, cid] = players("view", 3);
    const room = await interestRoom("party-view");
    const a = await room.connect({ playerId: ann, name: "Ann" });
    const b = await room.connect({ playerId: bob, name: "Bob" });
    const c = await room.connect({ playerId: cid, name: "Cid" });
    const clients = [a.client, b.client, c.client];
    const [annId, bobId, cidId] = [a, b, c].map((x) => x.welcome.payload.entityId);
    await placeIn(room, ann!, -60, 0);
    await placeIn(room, bob!, 60, 0);
    await placeIn(room, cid!, -58, 0);
    // Formed while both are in the room (each names it): the party tells the room at the create and at the join.
    const party = await formParty(ann!, [bob!], room.code);
    await inRoomWorld(room, (world) => world.sim.combat.setHp(world.players.get(bob!)!.slot, 37));
    await snapshotPeriod(room, clients);
    await snapshotPeriod(room, clients);

    expect(replicaOf(a.client).get("movement")?.has(bobId!)).toBe(false);
    expect(partyOf(a.client)).toEqual({ [annId!]: { name: "Ann", hp: 100, maxHp: 100 }, [bobId!]: { name: "Bob", hp: 37, maxHp: 100 } });
    expect(partyOf(b.client)).toEqual(partyOf(a.client));
    // Cid stands beside Ann (in her view, she in his) but is in no party.
    expect(replicaOf(c.client).get("movement")?.has(annId!)).toBe(true);
    expect(everSawParty(c.client)).toBe(false);

    // Bob is hurt again far away: Ann's frame follows.
    await inRoomWorld(room, (world) => world.sim.combat.setHp(world.players.get(bob!)!.slot, 12));
    await snapshotPeriod(room, clients);
    expect(partyOf(a.client)[bobId!]).toEqual({ name: "Bob", hp: 12, maxHp: 100 });

    // Kicked: Bob leaves Ann's party channel, and his own holds nothing of it any more.
    expect((await kick(ann!, party.id, bob!)).status).toBe(200);
    await snapshotPeriod(room, clients);
    await snapshotPeriod(room, clients);
    expect(Object.keys(partyOf(a.client))).toEqual([annId]);
    expect(partyOf(b.client)).toEqual({});
    expect(cidId).toBeDefined();
  });

  it("in a plaza, two members 400 m apart hold each other's entry though neither has the other in view", async () => {
    const [ann, bob] = players("plaza", 2);
    const code = await createRoom("plaza-owner", { kind: "plaza" });
    const a = await connect(code, { playerId: ann, name: "Ann" });
    const b = await connect(code, { playerId: bob, name: "Bob" });
    const [annId, bobId] = [a.welcome.payload.entityId, b.welcome.payload.entityId];
    await place(code, ann!, -200.5, 0.5);
    await place(code, bob!, 199.5, 0.5);
    await formParty(ann!, [bob!], code);
    await a.client.until(() => partyOf(a.client)[bobId] !== undefined, "bob in ann's party channel", 5000);
    await b.client.until(() => partyOf(b.client)[annId] !== undefined, "ann in bob's party channel", 5000);
    expect(partyOf(a.client)[bobId]).toEqual({ name: "Bob", hp: 100, maxHp: 100 });
    expect(replicaOf(a.client).get("movement")?.has(bobId)).toBe(false);
    expect(replicaOf(b.client).get("movement")?.has(annId)).toBe(false);
  });

  it("a member who joins the room later is shown to those already there, and sees them", async () => {
    const [ann, bob] = players("late", 2);
    const party = await formParty(ann!, [bob!]);
    const room = freshRoom("party-late");
    const a = await connect(room, { playerId: ann, name: "Ann" });
    const b = await connect(room, { playerId: bob, name: "Bob" });
    const bobId = b.welcome.payload.entityId;
    const annId = a.welcome.payload.entityId;
    await a.client.until(() => partyOf(a.client)[bobId] !== undefined, "bob in ann's party frame", 5000);
    await b.client.until(() => partyOf(b.client)[annId] !== undefined, "ann in bob's party frame", 5000);
    expect(partyOf(b.client)[annId]).toEqual({ name: "Ann", hp: 100, maxHp: 100 });
    expect(party.members).toEqual([ann, bob]);
    // The party's view is everyone's plus the party (shared encoding, SnapshotView.base): the rest of the room is
    // still there, and a stranger arriving now is seen by both, with no party entry of theirs.
    const c = await connect(room, { playerId: `${ann}-stranger`, name: "Cid" });
    const cidId = c.welcome.payload.entityId;
    for (const member of [a, b]) {
      await member.client.until(() => replicaOf(member.client).get("movement")?.has(cidId) && replicaOf(member.client).get("presence")?.has(cidId), "the stranger in a member's movement and presence", 5000);
      expect(replicaOf(member.client).get("movement")?.has(member === a ? bobId : annId)).toBe(true);
      expect(partyOf(member.client)[cidId]).toBeUndefined();
    }
  });
});

describe("party chat", () => {
  it("reaches the members in the room only; from a player in no party it is refused with not_a_member", async () => {
    const [ann, bob, cid] = players("chat", 3);
    await formParty(ann!, [bob!]);
    const room = freshRoom("party-chat");
    const [a, b, c] = [await connect(room, { playerId: ann, name: "Ann" }), await connect(room, { playerId: bob, name: "Bob" }), await connect(room, { playerId: cid, name: "Cid" })];
    const bobId = b.welcome.payload.entityId;
    await a.client.until(() => partyOf(a.client)[bobId] !== undefined, "the room knows the party", 5000);
    const isChat = (m: ServerMessage) => m.kind === Kind.event && m.feature === "chat" && m.action === "message";
    a.client.send({ v: 2, kind: "command", seq: a.client.nextSeq(), feature: "chat", action: "send", payload: { text: "regroup at the well", scope: "party" } });
    for (const member of [a, b]) {
      const heard = await member.client.next(isChat, 3000, "the party line");
      expect(heard).toMatchObject({ feature: chatFeature.name, payload: { text: "regroup at the well", scope: "party", from: ann } });
    }
    await c.client.roundTrip();
    await a.client.roundTrip();
    expect(c.client.received.some(isChat)).toBe(false);
    const seq = c.client.nextSeq();
    c.client.send({ v: 2, kind: "command", seq, feature: "chat", action: "send", payload: { text: "hello?", scope: "party" } });
    expect(await c.client.nextKind(Kind.error)).toMatchObject({ payload: { code: "not_a_member", seq } });
  });
});

describe("party summon (the RPC the leader's matchmake calls)", () => {
  it("stores each member's summon for /me and sends party.summon to a member in a room; non-members' seats are ignored", async () => {
    const [ann, bob, cid, stranger] = players("summon", 4);
    const party = await formParty(ann!, [bob!, cid!]);
    const room = freshRoom("party-summon");
    const b = await connect(room, { playerId: bob, name: "Bob" });
    await b.client.until(() => b.client.received.some((m) => m.kind === Kind.snapshot && (m.payload.features as Record<string, unknown>).party), "the room knows bob's party", 5000);
    const seatExpiresAt = Date.now() + 30_000;
    const stub = env.PARTIES.get(env.PARTIES.idFromName(party.id));
    const seats = [ann!, bob!, cid!, stranger!].map((playerId) => ({ playerId, seat: `seat-${playerId}`, seatExpiresAt }));
    expect(await stub.summon("arena-1", seats)).toEqual([ann, bob, cid]);

    const summon = await b.client.next((m) => m.kind === Kind.event && m.feature === "party" && m.action === "summon", 3000, "party.summon");
    expect(summon.payload).toEqual({ code: "arena-1", seat: `seat-${bob}`, seatExpiresAt });
    expect((await me(cid!)).summon).toEqual({ code: "arena-1", seat: `seat-${cid}`, seatExpiresAt });
    expect((await me(stranger!)).summon).toBeNull();

    // An expired seat is no summon.
    await stub.summon("arena-2", [{ playerId: cid!, seat: "old", seatExpiresAt: Date.now() - 1 }]);
    expect((await me(cid!)).summon).toBeNull();
    expect(await invite(bob!, party.id, stranger!)).toMatchObject({ status: 403 });
    expect((await join(stranger!, party.id)).status).toBe(403);
  });

  it("partyMatchmake: a leader's matchmake seats the whole party; a member's or a loner's seats only themself", async () => {
    const [ann, bob, loner] = players("mm", 3);
    await formParty(ann, [bob]);
    expect((await partyMatchmake(env, ann)).playerIds).toEqual([ann, bob]);
    expect((await partyMatchmake(env, bob)).playerIds).toEqual([bob]);
    const alone = await partyMatchmake(env, loner);
    expect(alone.playerIds).toEqual([loner]);
    expect(await alone.summon("arena-9", [{ playerId: loner, seat: "s", seatExpiresAt: Date.now() + 30_000 }])).toEqual([]);
    const led = await partyMatchmake(env, ann);
    const seatExpiresAt = Date.now() + 30_000;
    expect(await led.summon("arena-9", led.playerIds.map((playerId) => ({ playerId, seat: `s-${playerId}`, seatExpiresAt })))).toEqual([ann, bob]);
    expect((await me(bob)).summon).toEqual({ code: "arena-9", seat: `s-${bob}`, seatExpiresAt });
  });
});
