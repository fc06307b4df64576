import { describe, expect, it } from "vitest";
import { DIRECTORY_TIMINGS, REPORT_EVERY_MS } from "../src/directory/directory-timing.ts";
import type { RoomFigures, RoomReport } from "../src/directory/room-report.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { advanceDirectory, directory, listed, matchmake, publicRooms } from "./support/matchmaking.ts";
import { createRoom } from "./support/room-api.ts";
import { connect } from "./support/test-client.ts";

/** The lobby's promise: a join or leave shows in the list within 2 s. */
const LIVE_MS = 2000;

describe("the public room directory", () => {
  it("follows joins and leaves within 2 s, and lists public rooms only (GET /api/rooms?kind=)", async () => {
    const { code, seat } = await matchmake("ada");
    const privateRoom = await createRoom("owner", { kind: "room" });
    const { client: inPrivate } = await connect(privateRoom, { playerId: "owner" });
    const { client: ada } = await connect(code, { playerId: "ada", seat });
    await expect.poll(() => listed(code), { timeout: LIVE_MS }).toEqual({ code, kind: "arena", players: 1, capacity: 24 });
    const { client: bob } = await connect(code, { playerId: "bob" });
    await expect.poll(async () => (await listed(code))?.players, { timeout: LIVE_MS }).toBe(2);
    ada.close();
    await expect.poll(async () => (await listed(code))?.players, { timeout: LIVE_MS }).toBe(1);
    expect((await publicRooms("arena")).map((room) => room.code)).toContain(code);
    expect(await publicRooms("plaza")).not.toContainEqual(expect.objectContaining({ code }));
    expect(await listed(privateRoom)).toBeUndefined();
    bob.close();
    inPrivate.close();
  });

  it("answers 400 unknown_kind for a kind that does not exist", async () => {
    const { SELF } = await import("cloudflare:test");
    const response = await SELF.fetch("http://example.com/api/rooms?kind=castle");
    expect([response.status, await response.json()]).toEqual([400, expect.objectContaining({ error: "unknown_kind", field: "kind" })]);
  });

  it("drops a room 60 s after its last player left (an empty room stays listed until then)", async () => {
    const { code, seat } = await matchmake("cid");
    const { client } = await connect(code, { playerId: "cid", seat });
    await expect.poll(async () => (await listed(code))?.players, { timeout: LIVE_MS }).toBe(1);
    client.close();
    await expect.poll(async () => (await listed(code))?.players, { timeout: LIVE_MS }).toBe(0);
    await advanceDirectory(DIRECTORY_TIMINGS.emptyListedMs - 1000);
    expect(await listed(code)).toMatchObject({ players: 0 });
    await advanceDirectory(1000);
    expect(await listed(code)).toBeUndefined();
  });

  it("drops a running room that stopped reporting (died without a goodbye), and lists it again at its next heartbeat", async () => {
    // A room on a clock the test moves: while the test does not move it, its loop is as silent as a dead room's.
    const room = new ClockedRoom("arena");
    await room.stub().reserveSeats({ code: room.code, kind: "arena", playerIds: ["dee"] });
    const { client } = await room.connect({ playerId: "dee" });
    await expect.poll(async () => (await listed(room.code))?.players, { timeout: LIVE_MS }).toBe(1);
    await advanceDirectory(DIRECTORY_TIMINGS.staleAfterMs - 1000);
    expect(await listed(room.code)).toMatchObject({ players: 1 });
    await advanceDirectory(1001);
    expect(await listed(room.code)).toBeUndefined();
    // The room runs on (a second at a time, its client answering) until its heartbeat is due: listed again.
    for (let ms = 1000; ms < REPORT_EVERY_MS; ms += 1000) await room.advance(1000, { after: [client] });
    expect(await listed(room.code)).toBeUndefined();
    await room.advance(1000, { after: [client] });
    await room.advance(1000, { after: [client] });
    await expect.poll(async () => (await listed(room.code))?.players, { timeout: LIVE_MS }).toBe(1);
    client.close();
  });

  it("keeps a room's newest report with its figures, and answers ping", async () => {
    const figures = (players: number): RoomFigures => ({
      code: "reported-by-hand",
      kind: "arena",
      startedAt: 1,
      at: 2,
      players,
      runningMs: 1000,
      tickWorkMs: { p50: 0.5, p99: 1.5 },
      rttMs: { p50: 0, p99: 0 },
      counters: { snapshotsSent: 10, bytesSent: 100, bytesReceived: 50, framesReceived: 5, sqliteRowsWritten: 3, closes: {}, corrections: 0 },
      cost: { usdPerHour: 0.01, usdPerPlayerHour: null, rowsWrittenPerHour: 3600, usdTotal: 0.001 },
      perPlayer: [],
    });
    const report = (seq: number, players: number): RoomReport => ({
      code: "reported-by-hand",
      kind: "arena",
      capacity: 24,
      listed: true,
      players,
      occupied: players,
      reservedUntil: [],
      running: true,
      version: { boot: 1, seq },
      figures: figures(players),
    });
    await directory().report(report(2, 5));
    // An older report arriving late changes nothing.
    await directory().report(report(1, 9));
    const entry = (await directory().entries()).find((e) => e.code === "reported-by-hand");
    expect(entry).toMatchObject({ players: 5, figures: { players: 5, tickWorkMs: { p99: 1.5 }, cost: { rowsWrittenPerHour: 3600 } }, running: true });
    expect(await directory().ping()).toEqual({ ok: true, rooms: expect.any(Number) });
  });
});
