import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { decodeServerMessage, Kind } from "@edgehold/protocol";
import { freshRoom } from "../support/test-client.ts";
import { mintToken } from "./mint-token.ts";

interface Joined {
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}

/** Joins `room` as the token's user and waits for the welcome. */
async function join(room: string, token: string): Promise<Joined> {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?token=${encodeURIComponent(token)}`, { headers: { Upgrade: "websocket" } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  const welcomed = new Promise<void>((resolve, reject) => {
    socket.addEventListener("message", (event) => {
      if (decodeServerMessage(event.data as ArrayBuffer).kind === Kind.welcome) resolve();
    });
    setTimeout(() => reject(new Error(`no welcome in ${room}`)), 3000);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })),
  );
  socket.accept();
  await welcomed;
  return { socket, closed };
}

const stillOpen = Symbol("open");
const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<typeof stillOpen>((r) => setTimeout(() => r(stillOpen), ms))]);

function currentRooms(userId: string): Promise<string[]> {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(userId)).currentRooms();
}

describe("rooms per user (Clerk mode)", () => {
  it("closes the oldest of a user's rooms with 4006 when they join a fifth; the other four stay open", async () => {
    const token = await mintToken({ sub: "user_roomhopper" });
    const rooms = Array.from({ length: 5 }, () => freshRoom("cap"));
    const joined: Joined[] = [];
    for (const room of rooms.slice(0, 4)) joined.push(await join(room, token));
    await expect.poll(() => currentRooms("user_roomhopper")).toEqual(rooms.slice(0, 4));
    for (const j of joined) expect(await within(j.closed, 200)).toBe(stillOpen);

    joined.push(await join(rooms[4]!, token));
    const oldest = await within(joined[0]!.closed, 3000);
    expect(oldest).toMatchObject({ code: 4006, reason: expect.stringMatching(/too many rooms.*4/) });
    for (const j of joined.slice(1)) expect(await within(j.closed, 300)).toBe(stillOpen);
    await expect.poll(() => currentRooms("user_roomhopper")).toEqual(rooms.slice(1));
    for (const j of joined) j.socket.close();
  });

  it("does not count another user's rooms, nor a rejoin of the same room", async () => {
    const alice = await mintToken({ sub: "user_cap_alice" });
    const bob = await mintToken({ sub: "user_cap_bob" });
    const rooms = Array.from({ length: 4 }, () => freshRoom("cap"));
    const joined: Joined[] = [];
    for (const room of rooms) joined.push(await join(room, alice));
    // Bob shares Alice's rooms and one more: Alice is unaffected.
    for (const room of [...rooms, freshRoom("cap")]) joined.push(await join(room, bob));
    // Alice reconnects to a room she is in (4005 for the old socket): still four rooms, nothing evicted.
    const again = await join(rooms[2]!, alice);
    expect((await within(joined[2]!.closed, 3000)) as { code: number }).toMatchObject({ code: 4005 });
    for (const index of [0, 1, 3]) expect(await within(joined[index]!.closed, 200)).toBe(stillOpen);
    await expect.poll(() => currentRooms("user_cap_alice")).toHaveLength(4);
    for (const j of [...joined, again]) j.socket.close();
  });

  it("forgets a room the user left, and a stale entry never keeps them out", async () => {
    const token = await mintToken({ sub: "user_cap_leaver" });
    const room = freshRoom("cap");
    const first = await join(room, token);
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([room]);
    first.socket.close(1000, "bye");
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([]);

    // Four entries left behind by rooms that died without saying goodbye: the next join is not refused, and the
    // rooms, asked, say the connections are gone, so the entries are forgotten.
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("user_cap_leaver"));
    const ghosts = ["ghost-a", "ghost-b", "ghost-c", "ghost-d"];
    for (const [i, ghost] of ghosts.entries()) await stub.enterRoom(ghost, `gone-${i}`, Date.now() - 60_000 + i, 4);
    const fresh = freshRoom("cap");
    const live = await join(fresh, token);
    await expect.poll(() => currentRooms("user_cap_leaver")).toEqual([fresh]);
    expect(await within(live.closed, 300)).toBe(stillOpen);
    live.socket.close();
  });

  it("does not close a live room for a stale entry: past the cap, entries whose room no longer has the connection are dropped first", async () => {
    const token = await mintToken({ sub: "user_cap_stale" });
    const rooms = Array.from({ length: 4 }, () => freshRoom("cap"));
    const joined: Joined[] = [await join(rooms[0]!, token)];
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual([rooms[0]]);
    // A room the user entered after rooms[0] that died without saying goodbye: its entry is newer than rooms[0]'s.
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("user_cap_stale"));
    const ghost = freshRoom("ghost");
    await stub.enterRoom(ghost, "gone", Date.now(), 4);
    for (const room of rooms.slice(1)) joined.push(await join(room, token));
    // Five entries, four of them live: the ghost goes, and every live room stays open — rooms[0] included.
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual(rooms);
    for (const j of joined) expect(await within(j.closed, 300)).toBe(stillOpen);

    // One more live room is past the cap for real: the oldest live one is closed.
    const fifth = freshRoom("cap");
    joined.push(await join(fifth, token));
    expect(await within(joined[0]!.closed, 3000)).toMatchObject({ code: 4006 });
    await expect.poll(() => currentRooms("user_cap_stale")).toEqual([...rooms.slice(1), fifth]);
    for (const j of joined) j.socket.close();
  });
});
