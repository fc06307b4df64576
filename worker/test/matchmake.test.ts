import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode } from "@edgehold/protocol";
import { createRoom, roomInfo } from "./support/room-api.ts";
import { directory, listed, matchmake, postMatchmake } from "./support/matchmaking.ts";
import { formParty, players } from "./support/party-api.ts";
import { defineRoomKind, type RoomKind } from "../src/room/kinds/room-kind.ts";
import { ROOM_KINDS } from "../src/room/kinds/room-kinds.ts";
import { connect, TestClient } from "./support/test-client.ts";

/** Joins `code` over a real socket with a seat; the client once welcomed. */
async function seated(code: string, playerId: string, seat: string): Promise<TestClient> {
  return (await connect(code, { playerId, seat })).client;
}

async function closeAll(clients: readonly TestClient[]): Promise<void> {
  for (const client of clients) client.close();
  await Promise.all(clients.map((client) => client.closed()));
}

// The tests of this file share one directory and run in order: each says what the rooms before it left behind.
describe("POST /api/matchmake", () => {
  it("refuses an unknown kind (400 unknown_kind), a private one (400 kind_not_public), a bad region or body, and nobody named (401)", async () => {
    const unknown = await postMatchmake("p", { kind: "castle" });
    expect([unknown.status, await unknown.json()]).toEqual([400, expect.objectContaining({ error: ErrorCode.unknownKind, field: "kind", message: expect.stringContaining("arena") })]);
    const privateKind = await postMatchmake("p", { kind: "room" });
    expect([privateKind.status, await privateKind.json()]).toEqual([400, expect.objectContaining({ error: "kind_not_public", field: "kind" })]);
    const region = await postMatchmake("p", { kind: "arena", region: "mars" });
    expect([region.status, await region.json()]).toEqual([400, expect.objectContaining({ error: "unknown_region", field: "region", message: expect.stringContaining("weur") })]);
    for (const body of [{}, { kind: 3 }, "[1]", "null"]) {
      const response = await postMatchmake("p", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_body" });
    }
    const notJson = await postMatchmake("p", "{kind:");
    expect([notJson.status, await notJson.json()]).toEqual([400, expect.objectContaining({ error: "invalid_json" })]);
    expect((await postMatchmake(undefined, { kind: "arena" })).status).toBe(401);
    // Nothing was opened by any of these.
    expect(await directory().entries()).toEqual([]);
  });

  it("a leader whose party outnumbers the kind's seats gets 409 party_too_large: a problem with the request is never a 503", async () => {
    // A kind of two seats, defined only in this test (every real public kind seats more than a party's 8).
    const kinds = ROOM_KINDS as Map<string, RoomKind>;
    kinds.set("duel", defineRoomKind({ ...kinds.get("arena")!, name: "duel", capacity: 2 }));
    try {
      const [leader, ...members] = players("duel", 3);
      await formParty(leader, members);
      const response = await postMatchmake(leader, { kind: "duel" });
      expect([response.status, await response.json()]).toEqual([409, expect.objectContaining({ error: "party_too_large", field: "kind", message: expect.stringContaining("3 members") })]);
    } finally {
      kinds.delete("duel");
    }
    expect(await directory().entries()).toEqual([]);
  });

  it("fills the fullest arena to 24 and then opens a new one; every seat joins its room, and the room is then full", async () => {
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await matchmake(`fill-${i}`));
    const first = answers[0]!;
    expect(first).toEqual({ code: expect.any(String), kind: "arena", seat: expect.any(String), seatExpiresAt: expect.any(Number), players: 0, capacity: 24 });
    expect(first.seatExpiresAt - Date.now()).toBeGreaterThan(25_000);
    expect(first.seatExpiresAt - Date.now()).toBeLessThanOrEqual(30_000);
    expect(new Set(answers.slice(0, 24).map((a) => a.code))).toEqual(new Set([first.code]));
    expect(answers[24]!.code).not.toBe(first.code);
    expect(new Set(answers.map((a) => a.seat)).size).toBe(25);
    // A matchmade room is public, of the kind, and has no owner.
    expect(await roomInfo(first.code)).toMatchObject({ kind: "arena", public: true, owner: null, capacity: 24 });

    const clients = await Promise.all(answers.slice(0, 24).map((a, i) => seated(a.code, `fill-${i}`, a.seat)));
    await expect.poll(() => listed(first.code), { timeout: 2000 }).toEqual({ code: first.code, kind: "arena", players: 24, capacity: 24 });
    const late = await connect(first.code, { playerId: "late" }).catch((error: Error) => error);
    expect(String(late)).toContain(`socket closed (${CloseCode.roomFull} room is full (24 players))`);
    await closeAll(clients);
  });

  it("seats a party in one room at once (the directory's matchmake for several players), each with its own seat", async () => {
    const party = ["ann", "bo", "cy", "di"];
    const answer = await directory().matchmake({ kind: "arena", playerIds: party });
    if (!answer.ok) throw new Error(`matchmake refused: ${answer.problem}`);
    const { result } = answer;
    expect(result).toMatchObject({ kind: "arena", capacity: 24 });
    expect(result.seats.map((s) => s.playerId)).toEqual(party);
    expect(new Set(result.seats.map((s) => s.seat)).size).toBe(4);
    const clients = await Promise.all(result.seats.map((s) => seated(result.code, s.playerId, s.seat)));
    expect((await roomInfo(result.code)).players).toBe(4);
    await closeAll(clients);
    // More than a room holds is refused outright, as is a private kind: answered as the request's problem (for the
    // route's 4xx), not thrown as if the rooms had failed.
    const many = Array.from({ length: 25 }, (_, i) => `crowd-${i}`);
    expect(await directory().matchmake({ kind: "arena", playerIds: many })).toMatchObject({ ok: false, problem: "party_too_large" });
    expect(await directory().matchmake({ kind: "room", playerIds: ["x"] })).toMatchObject({ ok: false, problem: "kind_not_public" });
    expect(await directory().matchmake({ kind: "castle", playerIds: ["x"] })).toMatchObject({ ok: false, problem: "unknown_kind" });
    expect(await directory().matchmake({ kind: "arena", playerIds: [] })).toMatchObject({ ok: false, problem: "invalid_players" });
  });

  it("opens a new room in the caller's region (listed with it) and prefers that region's rooms over fuller ones", async () => {
    const eu = await matchmake("eu-1", "plaza", "weur");
    expect(await listed(eu.code)).toMatchObject({ kind: "plaza", region: "weur" });
    // A fuller plaza elsewhere (made by a player, public, three people in it).
    const other = await createRoom("owner", { kind: "plaza" });
    const inOther = await Promise.all(["o1", "o2", "o3"].map(async (playerId) => (await connect(other, { playerId })).client));
    await expect.poll(async () => (await listed(other))?.players, { timeout: 2000 }).toBe(3);
    expect((await matchmake("eu-2", "plaza", "weur")).code).toBe(eu.code);
    expect((await matchmake("anywhere", "plaza")).code).toBe(other);
    await closeAll(inOther);
  });
});
