// A room learns a joining player's party by asking their account, then the party (features/party/party-lookup.ts),
// while the party tells the room of every change. These tests play the races between those calls in the order that
// loses — real sockets, real accounts and parties, only the timing of one call held (support/call-gate.ts) — and
// check that the room ends up holding the party the player is really in. And a party's own notices may cross on their
// way (each is its own call): the last one to arrive is not the last word if its version is older.
import { env, runInDurableObject } from "cloudflare:test";
import { Kind, type ServerMessage } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { replicaOf } from "./support/interest-room.ts";
import type { CallGate } from "./support/call-gate.ts";
import { createParty, formParty, invite, join, leave, players } from "./support/party-api.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";
import { GATED_ROOM_PREFIX, type TestRoomDurableObject } from "./support/test-worker.ts";
import { PARTY_NOTICES, type PartyMembersNotice } from "../src/parties/party-notices.ts";

/** A fresh room whose account and party calls pass the test's gate (opened now, so the gate is there before anyone joins). */
async function gatedRoom(prefix: string): Promise<{ code: string; gate: <T>(use: (gate: CallGate) => T) => Promise<T> }> {
  const code = freshRoom(`${GATED_ROOM_PREFIX}${prefix}`);
  const rooms = env.ROOMS as unknown as DurableObjectNamespace<TestRoomDurableObject>;
  const stub = rooms.get(rooms.idFromName(code));
  const gate = <T>(use: (gate: CallGate) => T) => runInDurableObject(stub, (instance: TestRoomDurableObject) => use(instance.callGate()!));
  return { code, gate };
}

/** The version a party stamps its notices with now (its count of changes: parties/party-store.ts). */
function partyVersion(partyId: string): Promise<number> {
  return runInDurableObject(env.PARTIES.get(env.PARTIES.idFromName(partyId)), (_instance, state) => {
    return state.storage.sql.exec<{ version: number }>("SELECT version FROM party").one().version;
  });
}

/** Delivers a party's `members` notice to room `code` as the party does (RoomDurableObject.notify). */
function tellRoom(code: string, notice: PartyMembersNotice): Promise<boolean> {
  return env.ROOMS.get(env.ROOMS.idFromName(code)).notify("party", PARTY_NOTICES.members, notice);
}

/** Waits until `client` has two more snapshots than now: whatever the room did before, they show. */
async function twoSnapshotsLater(client: TestClient): Promise<void> {
  const from = client.received.length;
  await client.until(() => client.received.slice(from).filter((m) => m.kind === Kind.snapshot).length >= 2, "two more snapshots");
}

/** Polls the gate until `condition` holds. */
async function gateUntil(gate: <T>(use: (gate: CallGate) => T) => Promise<T>, condition: (gate: CallGate) => boolean): Promise<void> {
  await expect.poll(() => gate(condition), { timeout: 5000, interval: 10 }).toBe(true);
}

/** Closes `clients` and waits for the room's last calls (their leaves' forgets) to be answered. */
async function leaveRoom(gate: <T>(use: (gate: CallGate) => T) => Promise<T>, clients: readonly TestClient[]): Promise<void> {
  for (const client of clients) client.close();
  for (const client of clients) await client.closed();
  await gateUntil(gate, (g) => g.onlyHeldInFlight());
}

/** The entity ids in a client's `party` channel now. */
function partyIds(client: TestClient): string[] {
  return [...(replicaOf(client).get("party")?.keys() ?? [])].sort();
}

/** Sends a party chat line; resolves with the refusal's code, or "sent" once its own echo comes back. */
async function partyChat(client: TestClient, text: string): Promise<string> {
  const seq = client.nextSeq();
  client.send({ v: 2, kind: "command", seq, feature: "chat", action: "send", payload: { text, scope: "party" } });
  const answer = await client.next(
    (m: ServerMessage) => (m.kind === Kind.error && m.payload.seq === seq) || (m.kind === Kind.event && m.feature === "chat" && (m.payload as { text?: string }).text === text),
    3000,
    "the party line or its refusal",
  );
  return answer.kind === Kind.error ? answer.payload.code : "sent";
}

describe("party lookup races", () => {
  it("a quick rejoin whose lookup overtakes the leave's forget keeps the room known to the party: leaving the party later reaches the room", async () => {
    const [ann, pia] = players("rejoin", 2);
    const partyA = await formParty(ann, [pia]);
    const room = await gatedRoom("rejoin");
    const first = await connect(room.code, { playerId: pia, name: "Pia" });
    const piaId = first.welcome.payload.entityId;
    await first.client.until(() => partyIds(first.client).includes(piaId), "the room knows pia's party", 5000);

    // Pia's socket drops: the room forgets her there (account, then party), but the account's call is slow…
    await room.gate((gate) => gate.hold("leftRoomForParty", "call"));
    first.client.close();
    await first.client.closed();
    await gateUntil(room.gate, (gate) => gate.waitingAt("leftRoomForParty") === 1);
    // …and she is back before it lands: her rejoin's lookup may run, and runs to its end, before the forget goes on.
    const again = await connect(room.code, { playerId: pia, name: "Pia" });
    await gateUntil(room.gate, (gate) => gate.onlyHeldInFlight());
    await room.gate((gate) => gate.release("leftRoomForParty"));
    await gateUntil(room.gate, (gate) => gate.onlyHeldInFlight() && gate.waitingAt("leftRoomForParty") === 0);
    const piaAgain = again.welcome.payload.entityId;
    await again.client.until(() => partyIds(again.client).includes(piaAgain), "the room knows pia's party again", 5000);

    // She leaves the party: the party must still know she is in this room, so the room hears of it.
    expect((await leave(pia, partyA.id)).status).toBe(200);
    await again.client.until(() => partyIds(again.client).length === 0, "pia's party channel empty after she left the party", 2500);
    expect(await partyChat(again.client, "anyone?")).toBe("not_a_member");
    await leaveRoom(room.gate, [again.client]);
  });

  it("a player who leaves their party and joins another while the room asks the first ends in the second, whatever order the answers come in", async () => {
    const [ann, pia, dan] = players("switch", 3);
    const partyA = await formParty(ann, [pia]);
    const partyB = await createParty(dan);
    expect((await invite(dan, partyB.id, pia)).status).toBe(201);
    const room = await gatedRoom("switch");
    const d = await connect(room.code, { playerId: dan, name: "Dan" });
    const danId = d.welcome.payload.entityId;
    await d.client.until(() => partyIds(d.client).includes(danId), "the room knows dan's party", 5000);

    // Pia joins: her account names party A, and party A's answer (she is a member) is on its way back, slowly.
    await room.gate((gate) => gate.hold("enterRoom", "answer"));
    const p = await connect(room.code, { playerId: pia, name: "Pia" });
    const piaId = p.welcome.payload.entityId;
    await gateUntil(room.gate, (gate) => gate.waitingAt("enterRoom") === 1);
    // Meanwhile she leaves A and joins B (led by Dan, in this room): both parties tell the room.
    expect((await leave(pia, partyA.id)).status).toBe(200);
    expect((await join(pia, partyB.id)).status).toBe(200);
    await d.client.until(() => partyIds(d.client).includes(piaId), "pia in dan's party channel", 5000);

    // Party A's answer, older than both notices, arrives last: it must not put her back in A.
    await room.gate((gate) => gate.release("enterRoom"));
    await gateUntil(room.gate, (gate) => gate.onlyHeldInFlight() && gate.waitingAt("enterRoom") === 0);
    await twoSnapshotsLater(d.client);
    await p.client.roundTrip();
    expect(partyIds(d.client)).toEqual([danId, piaId].sort());
    expect(partyIds(p.client)).toEqual([danId, piaId].sort());
    expect(await partyChat(p.client, "with you, Dan")).toBe("sent");
    await d.client.next((m) => m.kind === Kind.event && m.feature === "chat" && (m.payload as { text?: string }).text === "with you, Dan", 3000, "pia's party line at dan");
    await leaveRoom(room.gate, [d.client, p.client]);
  });

  it("a party's notice that arrives after a later one changes nothing: a member who left stays out, an ended party stays ended", async () => {
    const [ann, pia] = players("order", 2);
    const party = await formParty(ann, [pia]);
    const code = freshRoom("order");
    const a = await connect(code, { playerId: ann, name: "Ann" });
    const p = await connect(code, { playerId: pia, name: "Pia" });
    const annId = a.welcome.payload.entityId;
    const piaId = p.welcome.payload.entityId;
    await a.client.until(() => partyIds(a.client).length === 2, "ann and pia in ann's party channel", 5000);
    // Created, then joined: two changes.
    const withPia = await partyVersion(party.id);
    expect(withPia).toBe(2);

    expect((await leave(pia, party.id)).status).toBe(200);
    expect(await partyVersion(party.id)).toBe(withPia + 1);
    await a.client.until(() => partyIds(a.client).length === 1, "pia gone from ann's party channel", 5000);
    // The notice of the join, overtaken on its way by the leave's, arrives now.
    expect(await tellRoom(code, { partyId: party.id, members: [ann, pia], version: withPia })).toBe(true);
    await twoSnapshotsLater(a.client);
    await p.client.roundTrip();
    expect(partyIds(a.client)).toEqual([annId]);
    expect(partyIds(p.client)).not.toContain(piaId);
    expect(await partyChat(p.client, "still with you?")).toBe("not_a_member");
    // The same version again (a lookup's answer of the membership the room holds) applies: nothing changes.
    expect(await tellRoom(code, { partyId: party.id, members: [ann], version: withPia + 1 })).toBe(true);
    expect(await partyChat(a.client, "just me")).toBe("sent");

    // Ann leaves last: the party ends, and its last version says so.
    expect((await leave(ann, party.id)).status).toBe(200);
    await a.client.until(() => partyIds(a.client).length === 0, "ann's party channel empty once the party ended", 5000);
    expect(await tellRoom(code, { partyId: party.id, members: [ann], version: withPia + 1 })).toBe(true);
    await twoSnapshotsLater(a.client);
    expect(partyIds(a.client)).toEqual([]);
    expect(await partyChat(a.client, "anyone?")).toBe("not_a_member");
    a.client.close();
    p.client.close();
  });
});
