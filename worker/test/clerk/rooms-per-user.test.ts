import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { connect, freshRoom, type TestClient } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

/** Joins `room` as the token's user; after the welcome. */
async function join(room: string, token: string): Promise<TestClient> {
  return (await connect(room, { token })).client;
}

/**
 * Still open: a ping answered. (Which rooms were closed is the account's registry, read with `currentRooms`: an
 * eviction is the account's answer to a join, so a room missing from it is the only one that can be closing.)
 */
async function stillOpen(client: TestClient): Promise<void> {
  await client.roundTrip();
  expect(client.closeEvent).toBeUndefined();
}

function currentRooms(userId: string): Promise<string[]> {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(userId)).currentRooms();
}

describe("rooms per user (Clerk mode)", () => {
  it("closes the oldest of a user's rooms with 4006 when they join a fifth; the other four stay open", async () => {
    const token = await mintToken({ sub: "user_roomhopper" });
    const rooms = Array.from({ length: 5 }, () => freshRoom("cap"));
    const joined: TestClient[] = [];
    for (const room of rooms.slice(0, 4)) joined.push(await join(room, token));
    await expect.poll(() => currentRooms("user_roomhopper")).toEqual(rooms.slice(0, 4));
    for (const j of joined) await stillOpen(j);

    joined.push(await join(rooms[4]!, token));
    const oldest = await joined[0]!.closed();
    expect(oldest).toMatchObject({ code: 4006, reason: expect.stringMatching(/too many rooms.*4/) });
    for (const j of joined.slice(1)) await stillOpen(j);
    await expect.poll(() => currentRooms("user_roomhopper")).toEqual(rooms.slice(1));
    for (const j of joined) j.close();
  });

  it("does not count another user's rooms, nor a rejoin of the same room", async () => {
    const alice = await mintToken({ sub: "user_cap_alice" });
    const bob = await mintToken({ sub: "user_cap_bob" });
    const rooms = Array.from({ length: 4 }, () => freshRoom("cap"));
    const joined: TestClient[] = [];
    for (const room of rooms) joined.push(await join(room, alice));
    // Bob shares Alice's rooms and one more: Alice is unaffected.
    for (const room of [...rooms, freshRoom("cap")]) joined.push(await join(room, bob));
    // Alice reconnects to a room she is in (4005 for the old socket): still four rooms, nothing evicted.
    const again = await join(rooms[2]!, alice);
    expect(await joined[2]!.closed()).toMatchObject({ code: 4005 });
    for (const index of [0, 1, 3]) await stillOpen(joined[index]!);
    await expect.poll(() => currentRooms("user_cap_alice")).toHaveLength(4);
    for (const j of [...joined, again]) j.close();
  });

  it("forgets a room the user left, and a stale entry never keeps them out", async () => {
    const token = await mintToken({ sub: "user_cap_leaver" });
    const room = freshRoom("cap");
    const first = await join(room, token);
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([room]);
    first.close(1000);
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([]);

    // Four entries left behind by rooms that died without saying goodbye: the next join is not refused, and the
    // rooms, asked, say the connections are gone, so the entries are forgotten.
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("user_cap_leaver"));
    const ghosts = ["ghost-a", "ghost-b", "ghost-c", "ghost-d"];
    for (const [i, ghost] of ghosts.entries()) await stub.enterRoom(ghost, `gone-${i}`, Date.now() - 60_000 + i, 4);
    const fresh = freshRoom("cap");
    const live = await join(fresh, token);
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([fresh]);
    await stillOpen(live);
    live.close();
  });

  it("does not close a live room for a stale entry: past the cap, entries whose room no longer has the connection are dropped first", async () => {
    const token = await mintToken({ sub: "user_cap_stale" });
    const rooms = Array.from({ length: 4 }, () => freshRoom("cap"));
    const joined: TestClient[] = [await join(rooms[0]!, token)];
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual([rooms[0]]);
    // A room the user entered after rooms[0] that died without saying goodbye: its entry is newer than rooms[0]'s.
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("user_cap_stale"));
    const ghost = freshRoom("ghost");
    await stub.enterRoom(ghost, "gone", Date.now(), 4);
    for (const room of rooms.slice(1)) joined.push(await join(room, token));
    // Five entries, four of them live: the ghost goes, and every live room stays open — rooms[0] included.
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual(rooms);
    for (const j of joined) await stillOpen(j);

    // One more live room is past the cap for real: the oldest live one is closed.
    const fifth = freshRoom("cap");
    joined.push(await join(fifth, token));
    expect(await joined[0]!.closed()).toMatchObject({ code: 4006 });
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual([...rooms.slice(1), fifth]);
    for (const j of joined) j.close();
  });
});
