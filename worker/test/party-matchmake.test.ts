// A party's leader matchmakes for the whole party (ARCHITECTURE.md "Play together"): one room, a seat per member,
// each member's summon (REST and, in a room, the `party.summon` event), the members joining with their seats.
import { Kind } from "@edgehold/protocol";
import { describe, expect, it } from "vitest";
import { listed, matchmake } from "./support/matchmaking.ts";
import { formParty, me, players } from "./support/party-api.ts";
import { roomInfo } from "./support/room-api.ts";
import { connect, freshRoom } from "./support/test-client.ts";

describe("POST /api/matchmake by a party's leader", () => {
  it("seats a party of 4 in one arena: each member's /me summon holds a seat there, they join with it, the room counts 4", async () => {
    const [ann, bob, cid, dan] = players("pmm", 4);
    await formParty(ann, [bob, cid, dan]);
    // Bob waits in another room: the summon reaches him there too, as the event.
    const elsewhere = await connect(freshRoom("pmm-wait"), { playerId: bob, name: "Bob" });
    await elsewhere.client.until(
      () => elsewhere.client.received.some((m) => m.kind === Kind.snapshot && (m.payload.features as Record<string, unknown>).party),
      "bob's room knows his party",
      5000,
    );

    const led = await matchmake(ann);
    expect(led).toMatchObject({ kind: "arena", capacity: 24, players: 0 });
    const summons = await Promise.all([bob, cid, dan].map(async (member) => (await me(member)).summon));
    for (const summon of summons) expect(summon).toEqual({ code: led.code, seat: expect.any(String), seatExpiresAt: led.seatExpiresAt });
    expect(new Set([led.seat, ...summons.map((s) => s!.seat)]).size).toBe(4);
    const event = await elsewhere.client.next((m) => m.kind === Kind.event && m.feature === "party" && m.action === "summon", 3000, "party.summon");
    expect(event.payload).toEqual(summons[0]);
    // The leader is summoned too (their /me names the seat they were answered).
    expect((await me(ann)).summon).toEqual({ code: led.code, seat: led.seat, seatExpiresAt: led.seatExpiresAt });

    const seated = [await connect(led.code, { playerId: ann, name: "Ann", seat: led.seat })];
    for (const [i, member] of [bob, cid, dan].entries()) seated.push(await connect(led.code, { playerId: member, name: member, seat: summons[i]!.seat }));
    expect(await roomInfo(led.code)).toMatchObject({ kind: "arena", players: 4 });
    await expect.poll(() => listed(led.code), { timeout: 2000 }).toMatchObject({ players: 4 });
    for (const { client } of [...seated, elsewhere]) client.close();
  });

  it("a member who is not the leader matchmakes alone: no summon for anyone else", async () => {
    const [ann, bob, cid] = players("pmm-solo", 3);
    await formParty(ann, [bob, cid]);
    const alone = await matchmake(bob);
    expect(alone).toMatchObject({ kind: "arena", seat: expect.any(String) });
    expect((await me(ann)).summon).toBeNull();
    expect((await me(cid)).summon).toBeNull();
  });
});
