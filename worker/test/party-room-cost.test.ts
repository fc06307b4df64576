// What a room join costs a player's account (rows written are what a room pays for): the party feature asks the
// account at every join, and only a party's member has anything to remember there.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccountDurableObject } from "../src/characters/account-durable-object.ts";
import { createParty, formParty, me, partyApi, players } from "./support/party-api.ts";
import { connect, freshRoom } from "./support/test-client.ts";

function account(playerId: string): DurableObjectStub<AccountDurableObject> {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(playerId));
}

/** Rows the account's SQLite wrote while `act` ran inside it (every statement's cursor counted). */
async function rowsWrittenBy(playerId: string, act: (instance: AccountDurableObject) => Promise<unknown>): Promise<number> {
  return runInDurableObject(account(playerId), async (instance: AccountDurableObject, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    let written = 0;
    // The account's stores hold this very SqlStorage: counting at its exec sees every statement they run.
    Object.defineProperty(sql, "exec", {
      configurable: true,
      value: (query: string, ...bindings: unknown[]) => {
        const cursor = exec(query, ...bindings);
        written += cursor.rowsWritten;
        return cursor;
      },
    });
    try {
      await act(instance);
    } finally {
      delete (sql as unknown as Record<string, unknown>).exec;
    }
    return written;
  });
}

/** The room the account remembers for its party (null: none). */
function rememberedRoom(playerId: string): Promise<string | null> {
  return runInDurableObject(account(playerId), (_instance, state) =>
    state.storage.sql.exec<{ value: string }>("SELECT value FROM account_meta WHERE key = 'party_room'").toArray()[0]?.value ?? null,
  );
}

describe("a room join's rows in the player's account", () => {
  it("a player in no party: the room's party lookup writes no row; a party's member: their room", async () => {
    const [loner, ann, bob] = players("cost", 3);
    // Touch both accounts first, so their schema is in place and only the lookup is measured.
    await Promise.all([me(loner), formParty(ann, [bob])]);
    expect(await rowsWrittenBy(loner, (instance) => instance.enteredRoomForParty("cost-room"))).toBe(0);
    // (SQLite counts the row and its key's index entry: what matters is that it is there, and the loner's is not.)
    expect(await rowsWrittenBy(ann, (instance) => instance.enteredRoomForParty("cost-room"))).toBeGreaterThan(0);
    expect(await rememberedRoom(ann)).toBe("cost-room");

    // Through a real room: the loner's join leaves nothing in their account; the member's names the room.
    const room = freshRoom("party-cost");
    const l = await connect(room, { playerId: loner, name: "Lone" });
    const b = await connect(room, { playerId: bob, name: "Bob" });
    await expect.poll(() => rememberedRoom(bob), { timeout: 5000 }).toBe(room);
    expect(await rememberedRoom(loner)).toBeNull();
    for (const { client } of [l, b]) client.close();
  });

  it("forming a party from a room: the room named is the party's only when the caller is connected there", async () => {
    const [ann, bob] = players("hint", 2);
    const room = freshRoom("party-hint");
    const a = await connect(room, { playerId: ann, name: "Ann" });
    // Ann is in `room`, not in `elsewhere`: only the room she is in is remembered for her party.
    await createParty(ann, freshRoom("party-elsewhere"));
    expect(await rememberedRoom(ann)).toBeNull();
    const party = (await me(ann)).party!;
    expect((await partyApi(ann, "POST", `/${party.id}/leave`)).status).toBe(200);
    await createParty(ann, room);
    expect(await rememberedRoom(ann)).toBe(room);
    // A malformed room is named as the problem.
    for (const body of [{ room: 7 }, { room: "no spaces" }, { room: "" }]) {
      expect(await partyApi(bob, "POST", "", body)).toMatchObject({ status: 400, body: { error: "invalid_body", field: "room" } });
    }
    a.client.close();
  });
});
