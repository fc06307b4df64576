// Parties over REST (ARCHITECTURE.md "Play together"): every rule and its error, through the real worker (SELF), the
// party's Durable Object and each player's account.
import { describe, expect, it } from "vitest";
import { createParty, formParty, invite, join, kick, leave, me, partyApi, players } from "./support/party-api.ts";

describe("parties: create, invite, join", () => {
  it("the creator leads a party of one; an invite shows in the invitee's /me; joining makes them a member", async () => {
    const [ann, bob] = players("cij", 2);
    const created = await partyApi(ann, "POST", "");
    expect(created.status).toBe(201);
    const party = created.body as { id: string };
    expect(created.body).toEqual({ id: party.id, leader: ann, members: [ann], invites: [] });
    expect(await me(ann)).toEqual({ party: { id: party.id, leader: ann, members: [ann], invites: [] }, invitedTo: [], summon: null });
    expect(await me(bob)).toEqual({ party: null, invitedTo: [], summon: null });

    const invited = await invite(ann, party.id, bob!);
    expect(invited).toEqual({ status: 201, body: { id: party.id, leader: ann, members: [ann], invites: [bob] } });
    expect((await me(bob!)).invitedTo).toEqual([{ id: party.id, leader: ann }]);

    const joined = await join(bob!, party.id);
    expect(joined).toEqual({ status: 200, body: { id: party.id, leader: ann, members: [ann, bob], invites: [] } });
    expect(await me(bob!)).toEqual({ party: { id: party.id, leader: ann, members: [ann, bob], invites: [] }, invitedTo: [], summon: null });
  });

  it("only the leader invites (403 forbidden); only the invited join (403 not_invited)", async () => {
    const [ann, bob, cid] = players("lead", 3);
    const party = await formParty(ann!, [bob!]);
    expect(await invite(bob!, party.id, cid!)).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect(await join(cid!, party.id)).toMatchObject({ status: 403, body: { error: "not_invited" } });
    expect((await me(cid!)).party).toBeNull();
  });

  it("at most 8 members: 409 party_full at the invite, and at the join of an invite made while there was room", async () => {
    const [leader, ...rest] = players("full", 10);
    const party = await createParty(leader!);
    // The ninth is invited while there is room; then the party fills.
    for (const member of rest.slice(0, 7)) expect((await invite(leader!, party.id, member)).status).toBe(201);
    expect((await invite(leader!, party.id, rest[8]!)).status).toBe(201);
    for (const member of rest.slice(0, 7)) expect((await join(member, party.id)).status).toBe(200);
    expect((await me(leader!)).party!.members).toHaveLength(8);
    expect(await invite(leader!, party.id, rest[7]!)).toMatchObject({ status: 409, body: { error: "party_full" } });
    expect(await join(rest[8]!, party.id)).toMatchObject({ status: 409, body: { error: "party_full" } });
    // The refused join left the player free.
    expect((await me(rest[8]!)).party).toBeNull();
    expect((await createParty(rest[8]!)).leader).toBe(rest[8]);
  });

  it("ten invitees joining at once fill the party to exactly 8; the others get party_full", async () => {
    const [leader, ...invitees] = players("race", 11);
    const party = await createParty(leader!);
    for (const member of invitees) expect((await invite(leader!, party.id, member)).status).toBe(201);
    const answers = await Promise.all(invitees.map((member) => join(member, party.id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(7);
    expect(answers.filter((a) => a.status === 409).map((a) => (a.body as unknown as { error: string }).error)).toEqual(["party_full", "party_full", "party_full"]);
    expect((await me(leader!)).party!.members).toHaveLength(8);
  });
});

describe("parties: one party per player", () => {
  it("a member cannot create or join another party (409 already_in_party)", async () => {
    const [ann, bob, cid] = players("one", 3);
    const first = await formParty(ann!, [bob!]);
    expect(await partyApi(bob, "POST", "")).toMatchObject({ status: 409, body: { error: "already_in_party" } });
    const second = await createParty(cid!);
    expect((await invite(cid!, second.id, bob!)).status).toBe(201);
    expect(await join(bob!, second.id)).toMatchObject({ status: 409, body: { error: "already_in_party" } });
    expect((await me(bob!)).party!.id).toBe(first.id);
    // Inviting a member of the party itself.
    expect(await invite(ann!, first.id, bob!)).toMatchObject({ status: 409, body: { error: "already_in_party" } });
  });

  it("a player joining two parties at once ends up in exactly one", async () => {
    const [ann, cid, bob] = players("two", 3);
    const [a, c] = [await createParty(ann!), await createParty(cid!)];
    await invite(ann!, a.id, bob!);
    await invite(cid!, c.id, bob!);
    const answers = await Promise.all([join(bob!, a.id), join(bob!, c.id)]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const mine = (await me(bob!)).party!;
    const other = mine.id === a.id ? c : a;
    expect(mine.members).toContain(bob);
    expect((await me(other.leader)).party!.members).not.toContain(bob);
  });
});

describe("parties: leave, kick, hand-over, the end", () => {
  it("a leader who leaves hands over to the oldest member; the last one out ends it (404 party_not_found after)", async () => {
    const [ann, bob, cid, dan] = players("hand", 4);
    const party = await formParty(ann!, [bob!, cid!]);
    const left = await leave(ann!, party.id);
    expect(left).toEqual({ status: 200, body: { left: party.id, party: { id: party.id, leader: bob, members: [bob, cid], invites: [] } } });
    expect((await me(ann!)).party).toBeNull();
    expect(await leave(ann!, party.id)).toMatchObject({ status: 404, body: { error: "not_a_member" } });
    await invite(bob!, party.id, dan!);
    expect((await leave(bob!, party.id)).body).toMatchObject({ party: { leader: cid, members: [cid] } });
    expect(await leave(cid!, party.id)).toEqual({ status: 200, body: { left: party.id, party: null } });
    for (const answer of [await invite(cid!, party.id, ann!), await join(dan!, party.id), await leave(cid!, party.id), await kick(cid!, party.id, ann!)]) {
      expect(answer).toMatchObject({ status: 404, body: { error: "party_not_found" } });
    }
    // The invite of an ended party is gone from the invitee's /me; everyone is free again.
    expect(await me(dan!)).toEqual({ party: null, invitedTo: [], summon: null });
    expect((await createParty(cid!)).leader).toBe(cid);
  });

  it("only the leader kicks (403 forbidden); a kicked member is out and free; kicking a non-member is 404 not_a_member", async () => {
    const [ann, bob, cid, dan] = players("kick", 4);
    const party = await formParty(ann!, [bob!, cid!]);
    expect(await kick(bob!, party.id, cid!)).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect(await kick(ann!, party.id, dan!)).toMatchObject({ status: 404, body: { error: "not_a_member" } });
    expect(await kick(ann!, party.id, cid!)).toEqual({ status: 200, body: { id: party.id, leader: ann, members: [ann, bob], invites: [] } });
    expect((await me(cid!)).party).toBeNull();
    expect((await createParty(cid!)).leader).toBe(cid);
  });
});

describe("parties: bad requests", () => {
  it("names what is wrong: no caller 401, a malformed id 404, a bad body 400", async () => {
    const [ann] = players("bad", 1);
    const party = await createParty(ann!);
    expect(await partyApi(undefined, "POST", "")).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    expect(await partyApi(ann, "POST", "/not-a-party/join")).toMatchObject({ status: 404, body: { error: "party_not_found" } });
    expect(await partyApi(ann, "POST", "/p_00000000000000000000/join")).toMatchObject({ status: 404, body: { error: "party_not_found" } });
    expect(await partyApi(ann, "POST", `/${party.id}/invites`, { playerId: "no spaces!" })).toMatchObject({ status: 400, body: { error: "invalid_body", field: "playerId" } });
    expect(await partyApi(ann, "POST", `/${party.id}/invites`, [])).toMatchObject({ status: 400, body: { error: "invalid_body" } });
    const raw = await partyApi(ann, "POST", `/${party.id}/kick`);
    expect(raw).toMatchObject({ status: 400, body: { error: "invalid_body" } });
  });
});
