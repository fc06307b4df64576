import { describe, expect, it } from "vitest";
import { CloseCode, Kind, PROTOCOL_VERSION } from "@edgehold/protocol";
import { system } from "./support/chat-client.ts";
import { adminFetch, createRoom, roomDiagnostics, roomInfo } from "./support/room-api.ts";
import { reportTelemetry as report } from "./support/telemetry-report.ts";
import { connect, freshRoom } from "./support/test-client.ts";

describe("the admin API acts on a room over real sockets", () => {
  it("lists the room's players with their RTT from ackTick and the corrections their pages reported", async () => {
    const room = freshRoom("players");
    const { client } = await connect(room, { playerId: "p1", name: "Pat" });
    const other = await connect(room, { playerId: "p2" });
    // Snapshots confirmed by pings (their ackTick): the room measures each round trip.
    await client.nextSnapshot();
    await other.client.nextSnapshot();
    await client.roundTrip();
    await other.client.roundTrip();
    expect(await report(client, { corrections: 3, frameTimeP95Ms: 14.5, rttMs: 40 })).toEqual({ ok: true });
    expect(await report(client, { corrections: 2, frameTimeP95Ms: 16 })).toEqual({ ok: true });
    // Two reports a burst allows; a third at once is refused (the page sends one per 10 s).
    expect(await report(client, { corrections: 600, frameTimeP95Ms: 16 })).toEqual({ ok: false, code: "rate_limited" });
    expect(await report(other.client, { corrections: -1, frameTimeP95Ms: 16 })).toEqual({ ok: false, code: "invalid_payload" });
    expect(await report(other.client, { corrections: 601, frameTimeP95Ms: 16 })).toEqual({ ok: false, code: "invalid_payload" });

    const view = await roomDiagnostics(room);
    expect(view).toMatchObject({ code: room, kind: "room", tickWorkMs: { p50: expect.any(Number), p99: expect.any(Number) }, rowsWrittenPerHour: expect.any(Number), costUsdPerHour: expect.any(Number) });
    expect(view.bytesSentPerSec).toBeGreaterThan(0);
    const rows = new Map(view.players.map((p) => [p.playerId, p]));
    expect(rows.get("p1")).toMatchObject({ name: "Pat", corrections: 5, frameTimeP95Ms: 16, rttMs: expect.any(Number) });
    expect(rows.get("p2")).toMatchObject({ corrections: 0, frameTimeP95Ms: null, rttMs: expect.any(Number) });
    expect(rows.get("p1")!.bytesSentPerSec).toBeGreaterThan(0);
    expect(view.figures.counters.corrections).toBe(5);
    client.close();
    other.client.close();
  });

  it("kicks a player (4004 with the reason), leaving the others connected", async () => {
    const room = freshRoom("kick");
    const target = await connect(room, { playerId: "k1" });
    const stays = await connect(room, { playerId: "k2" });
    const answer = await adminFetch("POST", `/rooms/${room}/kick`, { playerId: "k1", reason: "spamming" });
    expect(answer.status).toBe(200);
    expect(await target.client.closed()).toEqual({ code: CloseCode.kicked, reason: "spamming" });
    await stays.client.roundTrip();
    expect(stays.client.closeEvent).toBeUndefined();
    expect((await adminFetch("POST", `/rooms/${room}/kick`, { playerId: "k1" })).status).toBe(404);
    const bad = await adminFetch("POST", `/rooms/${room}/kick`, { playerId: "no spaces allowed" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_body", field: "playerId" });
    expect((await roomDiagnostics(room)).figures.counters.closes).toEqual({ [String(CloseCode.kicked)]: 1 });
    stays.client.close();
  });

  it("closes the room: every socket 4010 'room closed by the operator'", async () => {
    const room = freshRoom("close");
    const clients = await Promise.all(["c1", "c2", "c3"].map((playerId) => connect(room, { playerId })));
    const answer = await adminFetch("POST", `/rooms/${room}/close`, { reason: "maintenance" });
    expect(await answer.json()).toEqual({ ok: true, closed: 3 });
    for (const { client } of clients) expect(await client.closed()).toEqual({ code: 4010, reason: "room closed by the operator" });
    expect(CloseCode.closedByOperator).toBe(4010);
    await expect.poll(async () => (await roomDiagnostics(room)).players).toEqual([]);
    expect((await adminFetch("POST", `/rooms/${freshRoom("never")}/close`, {})).status).toBe(404);
  });

  it("broadcasts a system line to everyone in the room", async () => {
    const room = freshRoom("say");
    const a = await connect(room, { playerId: "b1" });
    const b = await connect(room, { playerId: "b2" });
    const answer = await adminFetch("POST", `/rooms/${room}/broadcast`, { text: "  Restart in 5 minutes  " });
    expect(await answer.json()).toEqual({ ok: true, reached: 2 });
    expect(await system(a.client, (s) => s.text === "Restart in 5 minutes")).toBeTruthy();
    expect(await system(b.client, (s) => s.text === "Restart in 5 minutes")).toBeTruthy();
    expect((await adminFetch("POST", `/rooms/${room}/broadcast`, { text: "   " })).status).toBe(400);
    expect((await adminFetch("POST", `/rooms/${room}/broadcast`, { text: "x".repeat(281) })).status).toBe(400);
    a.client.close();
    b.client.close();
  });

  it("hands the room to a player, who is told and may then moderate", async () => {
    const code = await createRoom("founder");
    const heir = await connect(code, { playerId: "heir" });
    const guest = await connect(code, { playerId: "guest", name: "Guest" });
    const answer = await adminFetch("PUT", `/rooms/${code}/owner`, { playerId: "heir" });
    expect(await answer.json()).toEqual({ ok: true, owner: "heir" });
    expect((await roomInfo(code)).owner).toBe("heir");
    await system(heir.client, (s) => /owner/.test(s.text));
    // The new owner's /kick works: the room really is theirs.
    const seq = heir.client.nextSeq();
    heir.client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "chat", action: "send", payload: { text: "/kick Guest" } });
    expect((await guest.client.closed()).code).toBe(CloseCode.kicked);
    expect((await adminFetch("PUT", `/rooms/${freshRoom("none")}/owner`, { playerId: "heir" })).status).toBe(404);
    heir.client.close();
  });

  it("refuses the actions without the admin token", async () => {
    const room = freshRoom("noauth");
    const { client } = await connect(room, { playerId: "n1" });
    const { SELF } = await import("cloudflare:test");
    const refused = await SELF.fetch(`http://example.com/api/admin/rooms/${room}/close`, { method: "POST", headers: { Authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);
    await client.roundTrip();
    expect(client.closeEvent).toBeUndefined();
    client.close();
  });
});
