import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { encodeMsgpack, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import type { RoomDurableObject } from "../src/room/room-durable-object.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";

/** The workerd project binds IDLE_TIMEOUT_MS = 3000 (vitest.config.ts). */
const IDLE_TIMEOUT_MS = 3000;

function joinRequest(room: string, playerId: string): Promise<Response> {
  return SELF.fetch(`http://example.com/api/rooms/${room}/ws?playerId=${playerId}`, { headers: { Upgrade: "websocket" } });
}

/** Pings once a second, as the page does while its tab is open. */
function keepAlive(client: TestClient): () => void {
  const timer = setInterval(() => client.ping(), 1000);
  return () => clearInterval(timer);
}

describe("idle connections", () => {
  it("closes a connection that sends nothing with 4009 and an idle reason once the timeout passed; pings keep another one open", async () => {
    const room = new ClockedRoom("idle");
    const silent = await room.connect({ playerId: "silent" });
    const pinging = await room.connect({ playerId: "pinging" });
    // Just short of the timeout (the room looks once a second of its time), with the other player heard every 0.5 s.
    for (let elapsed = 0; elapsed < IDLE_TIMEOUT_MS - 500; elapsed += 500) await room.advance(500, { after: [pinging.client] });
    expect(await room.diagnostics()).toMatchObject({ players: 2 });
    for (let elapsed = 0; elapsed < 1500; elapsed += 500) await room.advance(500, { after: [pinging.client] });
    const closed = await silent.client.closed();
    expect(closed.code).toBe(4009);
    expect(closed.reason).toMatch(/idle/);
    // The pinging player is well past the timeout too, and still gets snapshots.
    for (let elapsed = 0; elapsed < 2000; elapsed += 500) await room.advance(500, { after: [pinging.client] });
    await pinging.client.nextSnapshot();
    expect(pinging.client.closeEvent).toBeUndefined();
    expect(await room.diagnostics()).toMatchObject({ players: 1, running: true });
    pinging.client.close();
  });

  it("stops the room loop once its last player was closed for idling", async () => {
    const room = new ClockedRoom("idle-last");
    const { client } = await room.connect({ playerId: "alone" });
    expect((await room.diagnostics())!.running).toBe(true);
    await room.advance(IDLE_TIMEOUT_MS + 1000);
    expect((await client.closed()).code).toBe(4009);
    await expect.poll(() => room.diagnostics()).toMatchObject({ running: false, players: 0 });
    expect(await room.pendingTimers()).toBe(0);
  });
});

describe("join churn", () => {
  it("answers the 11th join of one player within 10 s with HTTP 429 JSON before the upgrade; others still join", async () => {
    const room = freshRoom();
    for (let i = 0; i < 10; i++) {
      const { client } = await connect(room, { playerId: "hasty" });
      client.close();
      await client.closed();
    }
    const refused = await joinRequest(room, "hasty");
    expect(refused.status).toBe(429);
    expect(refused.webSocket).toBeNull();
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(await refused.json()).toEqual({ error: "too_many_joins", message: expect.stringMatching(/too many joins/), retryAfter });
    const other = await connect(room, { playerId: "patient" });
    expect(other.welcome.payload.playerId).toBe("patient");
    other.client.close();
  });

  it("keeps a reconnect loop from writing a row per attempt or starving another player's snapshots", async () => {
    const room = freshRoom();
    const watcher = await connect(room, { playerId: "watcher" });
    const stop = keepAlive(watcher.client);
    await watcher.client.nextSnapshot();
    const statuses: number[] = [];
    const started = Date.now();
    const snapshotsBefore = watcher.client.received.filter((m) => m.kind === Kind.snapshot).length;
    while (Date.now() - started < 3000) {
      const response = await joinRequest(room, "churner");
      statuses.push(response.status);
      const socket = response.webSocket;
      if (socket) {
        socket.accept();
        socket.close(1000, "again");
      }
    }
    const elapsedS = (Date.now() - started) / 1000;
    const snapshots = watcher.client.received.filter((m) => m.kind === Kind.snapshot).length - snapshotsBefore;
    stop();
    watcher.client.close();

    expect(statuses.filter((s) => s === 101)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(10);
    // 10 snapshots per second to the other player, with slack for a loaded 2-core machine.
    expect(snapshots / elapsedS).toBeGreaterThan(7);
    // Only the admitted joins wrote a session row (and a resume token); the refused ones wrote nothing.
    const rows = await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)) as DurableObjectStub<RoomDurableObject>, (_instance, state) => ({
      sessions: state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM game_sessions WHERE user_id = 'churner'").one().n,
    }));
    expect(rows.sessions).toBe(10);
  });
});

describe("byte budget", () => {
  it("closes a connection sending valid 15 KB pings 30 times a second with 4008 within seconds; others play on", async () => {
    const room = freshRoom();
    const flooder = await connect(room, { playerId: "flooder" });
    const player = await connect(room, { playerId: "player" });
    const stop = keepAlive(player.client);
    // Valid: a ping's payload is allowed and ignored. 15 KB is under the 16 KiB frame limit.
    const pad = "x".repeat(15_000);
    let seq = 0;
    const flood = setInterval(() => {
      try {
        flooder.client.sendRaw(encodeMsgpack({ v: PROTOCOL_VERSION, kind: Kind.ping, seq: ++seq, clientTime: 1, payload: { pad } }));
      } catch {
        // closed
      }
    }, 1000 / 30);
    try {
      const started = Date.now();
      const closed = await flooder.client.closed(5000);
      expect(closed.code).toBe(4008);
      expect(Date.now() - started).toBeLessThan(5000);
      const errors = flooder.client.received.filter((m) => m.kind === Kind.error);
      expect(errors.some((m) => m.kind === Kind.error && m.payload.code === "rate_limited")).toBe(true);
      await player.client.nextSnapshot();
      expect(player.client.closeEvent).toBeUndefined();
    } finally {
      clearInterval(flood);
      stop();
      player.client.close();
    }
  });
});

describe("a room that falls behind", () => {
  it("keeps a player whose frames queued during its 6 s stall and arrive at once; a flood in that time is still closed 4008", async () => {
    const room = new ClockedRoom("stall");
    const ann = await room.connect({ playerId: "ann" });
    const flooder = await room.connect({ playerId: "flooder" });
    await room.steps(3, { after: [ann.client, flooder.client] });

    // The room's isolate is busy for 6 s (its clock moves, its loop does not): ann's frames of those seconds reach it
    // together, 150 of them, past her burst of 90; the flooder's 800 too.
    await room.stall(6_000);
    // The rooms run in this isolate: their log lines pass its console.
    const log = vi.spyOn(console, "log");
    const from = ann.client.received.length;
    for (let i = 0; i < 150; i++) ann.client.ping();
    for (let i = 0; i < 800; i++) flooder.client.ping();
    const dropNotices = (client: TestClient, since = 0) => client.received.slice(since).filter((m) => m.kind === Kind.error && m.payload.code === "rate_limited");
    await expect.poll(() => ann.client.received.slice(from).filter((m) => m.kind === Kind.pong).length, { timeout: 5000 }).toBe(90);
    expect((await flooder.client.closed(5000)).code).toBe(4008);
    // Each is told its frames were dropped once (at most once a second), not once per frame: 60 and 600 of them.
    expect(dropNotices(ann.client, from)).toHaveLength(1);
    expect(dropNotices(flooder.client)).toHaveLength(1);
    // Operators read why in the log: 4008 is also "not reading snapshots".
    const left = log.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>).filter((line) => line.event === "player.left");
    log.mockRestore();
    expect(left).toEqual([expect.objectContaining({ level: "info", player: "flooder", code: 4008, reason: "rate limit exceeded repeatedly" })]);

    // The room catches up and goes on: ann is still in it, reading snapshots.
    const since = ann.client.received.length;
    await room.steps(6);
    await ann.client.roundTrip();
    expect(ann.client.closeEvent).toBeUndefined();
    expect(ann.client.received.slice(since).some((m) => m.kind === Kind.snapshot)).toBe(true);
    ann.client.close();
  });
});

describe("rooms per user in dev mode", () => {
  it("has no cap: one dev player id stays in six rooms at once (load tests run hundreds of bots from one machine)", async () => {
    const joined = [];
    for (let i = 0; i < 6; i++) joined.push(await connect(freshRoom("dev-cap"), { playerId: "dev-hopper" }));
    // The rooms-per-user registry (the player's account) holds nothing for a dev player: no room has anything to evict.
    expect(await env.ACCOUNTS.get(env.ACCOUNTS.idFromName("dev-hopper")).currentRooms()).toEqual([]);
    for (const { client } of joined) {
      await client.roundTrip();
      expect(client.closeEvent).toBeUndefined();
    }
    for (const { client } of joined) client.close();
  });
});
