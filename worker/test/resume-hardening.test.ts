import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode, Kind } from "@edgehold/protocol";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom } from "./support/test-client.ts";

const MAX_PLAYERS = DEFAULT_ROOM_KIND.capacity;

/** A player that only holds a seat: accepted, never decoded (the room's real capacity is its kind's). */
async function seat(room: string, playerId: string): Promise<WebSocket> {
  const response = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=${playerId}`, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket!;
  socket.accept();
  return socket;
}

describe("resume tokens under pressure", () => {
  it("a join refused for a full room (4003) does not revoke the token presented; it resumes once there is room", async () => {
    // On the room's own clock: 128 seats that never confirm a snapshot would be closed 4008 15 s after their welcome
    // (flow control), and filling the room can take longer than that on a busy machine. Nothing here needs time to pass.
    const room = new ClockedRoom("full").code;
    const alice = await connect(room, { playerId: "alice" });
    const token = alice.welcome.payload.resumeToken;
    alice.client.close();
    await alice.client.closed();

    const seats: WebSocket[] = [];
    for (let i = 0; i < MAX_PLAYERS; i += 16) {
      seats.push(...(await Promise.all(Array.from({ length: Math.min(16, MAX_PLAYERS - i) }, (_, j) => seat(room, `filler-${i + j}`)))));
    }
    await expect.poll(async () => ((await (await SELF.fetch(`http://example.com/api/rooms/${room}`)).json()) as { players: number }).players, { timeout: 15_000 }).toBe(MAX_PLAYERS);

    const refused = await SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=alice&resumeToken=${token}`, { headers: { Upgrade: "websocket" } });
    const socket = refused.webSocket!;
    const close = new Promise<{ code: number; reason: string }>((resolve) => socket.addEventListener("close", (e) => resolve({ code: e.code, reason: e.reason })));
    socket.accept();
    expect(await close).toMatchObject({ code: CloseCode.roomFull, reason: expect.stringMatching(/full/) });

    seats.pop()!.close(1000, "making room");
    await expect.poll(async () => ((await (await SELF.fetch(`http://example.com/api/rooms/${room}`)).json()) as { players: number }).players).toBe(MAX_PLAYERS - 1);
    const back = await connect(room, { playerId: "alice", resumeToken: token });
    expect(back.welcome.payload).toMatchObject({ playerId: "alice", resumed: true });
    back.client.close();
    for (const s of seats) s.close(1000, "done");
  }, 60_000);

  it.each([
    ["CR LF", "\r\n"],
    ["NUL", "\u0000"],
    ["a token with a header injection", "abcdefghijklmnopqrstuvwxyz\r\nx-edgehold-player: bob"],
  ])("a resumeToken with control bytes (%s) gets resume_rejected on a working socket, never a 500", async (_what, resumeToken) => {
    const { client, welcome } = await connect(freshRoom(), { playerId: "carol", resumeToken });
    expect(welcome.payload).toMatchObject({ playerId: "carol", resumed: false });
    const notice = await client.nextKind(Kind.error);
    expect(notice.payload.code).toBe(ErrorCode.resumeRejected);
    client.ping();
    await client.nextKind(Kind.pong);
    client.close();
  });

  it("the raw query ?resumeToken=%0D%0A and %00 upgrade (101), not 500", async () => {
    for (const raw of ["%0D%0A", "%00", "%0A%0Dabc%00"]) {
      const response = await SELF.fetch(`http://example.com/api/rooms/${freshRoom()}/ws?playerId=dave&resumeToken=${raw}`, { headers: { Upgrade: "websocket" } });
      expect(response.status, raw).toBe(101);
      response.webSocket!.accept();
      response.webSocket!.close(1000, "done");
    }
  });
});
