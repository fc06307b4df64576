import { abortAllDurableObjects, createExecutionContext, env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/app.ts";
import { DIRECTORY_TIMINGS, REPORT_EVERY_MS } from "../src/directory/directory-timing.ts";
import type { RoomRow } from "../src/ops/room-row.ts";
import { parseExposition } from "./support/exposition-parser.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { advanceDirectory, listed } from "./support/matchmaking.ts";
import { adminFetch, roomDiagnostics } from "./support/room-api.ts";
import { reportTelemetry } from "./support/telemetry-report.ts";
import { connect, freshRoom } from "./support/test-client.ts";
import { walk } from "./support/walk.ts";

/** The time a directory entry takes to show a join (a report is sent at once; the lobby's promise is 2 s). */
const LIVE_MS = 2_000;

async function adminRooms(): Promise<RoomRow[]> {
  const response = await adminFetch("GET", "/rooms");
  expect(response.status).toBe(200);
  return ((await response.json()) as { rooms: RoomRow[] }).rooms;
}

/** `/api/admin/metrics`, parsed (strictly) into sample values by name and labels. */
async function metrics(): Promise<(name: string, labels?: Record<string, string>) => number | undefined> {
  const response = await adminFetch("GET", "/metrics");
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parseExposition(await response.text());
  return (name, labels = {}) => families.get(name)?.samples.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}


describe("readiness (GET /api/ready)", () => {
  it("is 200 with the config and directory checks when both are good", async () => {
    const response = await SELF.fetch("http://example.com/api/ready");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, checks: { config: { ok: true }, directory: { ok: true, ms: expect.any(Number) } } });
  });

  it("is 503 naming the failing check: configuration missing, or a directory that does not answer", async () => {
    const ready = (bindings: Partial<Env> & Record<string, unknown>) => Promise.resolve(app.fetch(new Request("http://example.com/api/ready"), { ...env, ...bindings } as Env, createExecutionContext()));
    const unconfigured = await ready({ AUTH_MODE: undefined });
    expect(unconfigured.status).toBe(503);
    const body = (await unconfigured.json()) as { ok: boolean; checks: { config: { ok: boolean; error?: string }; directory: { ok: boolean } } };
    expect(body.ok).toBe(false);
    expect(body.checks.config).toEqual({ ok: false, error: expect.stringMatching(/AUTH_MODE|CLERK/) });
    expect(body.checks.directory.ok).toBe(true);

    // A deployment whose DIRECTORY binding points at a class that is no directory (a real object, a real RPC failure).
    const counterRooms = (env as unknown as { COUNTER_ROOMS: DurableObjectNamespace }).COUNTER_ROOMS;
    const broken = await ready({ DIRECTORY: counterRooms as unknown as Env["DIRECTORY"] });
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ ok: false, checks: { config: { ok: true }, directory: { ok: false, error: expect.any(String) } } });
  });
});

describe("the operators' fleet view, through the directory", () => {
  it("lists every live room, private ones too (never in the public list), with the contract's row", async () => {
    const room = freshRoom("fleet-private");
    const { client } = await connect(room, { playerId: "fp-a" });
    await walk(client, 3);
    await expect.poll(async () => (await adminRooms()).find((r) => r.code === room)?.players, { timeout: LIVE_MS }).toBe(1);
    const row = (await adminRooms()).find((r) => r.code === room)!;
    expect(row).toEqual({
      code: room,
      kind: "room",
      players: 1,
      tickWorkMs: { p50: expect.any(Number), p99: expect.any(Number) },
      bytesSentPerSec: expect.any(Number),
      rowsWrittenPerHour: expect.any(Number),
      costUsdPerHour: expect.any(Number),
      frameTimeP95Ms: null,
    });
    // The row's cost is the room's own figure at its last report; the room, running, costs now (at least an hour of
    // duration: $0.005625).
    expect((await roomDiagnostics(room)).costUsdPerHour).toBeGreaterThan(0.005);
    expect(await listed(room)).toBeUndefined();
    client.close(1000);
    await client.closed();
    await expect.poll(async () => (await adminRooms()).find((r) => r.code === room)?.players, { timeout: LIVE_MS }).toBe(0);
  });

  it("shows the slowest page's frame time from the players' telemetry reports, at the room's next heartbeat", async () => {
    // A room on a clock the test moves: its heartbeat comes when the test says, not 5 s later.
    const room = new ClockedRoom("fleet-frames");
    const rowOf = async () => (await adminRooms()).find((r) => r.code === room.code);
    const smooth = await room.connect({ playerId: "ff-smooth" });
    const stutters = await room.connect({ playerId: "ff-stutters" });
    await expect.poll(async () => (await rowOf())?.players, { timeout: LIVE_MS }).toBe(2);
    expect((await rowOf())!.frameTimeP95Ms).toBeNull();

    expect(await reportTelemetry(smooth.client, { corrections: 0, frameTimeP95Ms: 8.5 })).toEqual({ ok: true });
    expect(await reportTelemetry(stutters.client, { corrections: 1, frameTimeP95Ms: 41.25, rttMs: 60 })).toEqual({ ok: true });
    // A heartbeat is due REPORT_EVERY_MS after the joins' reports. Time moves a second at a time, each after a round
    // trip of both pages, so neither is closed as idle (the test rooms close sockets silent for 3 s).
    for (let moved = 0; moved <= REPORT_EVERY_MS; moved += 1000) await room.advance(1000, { after: [smooth.client, stutters.client] });
    await expect.poll(async () => (await rowOf())?.frameTimeP95Ms, { timeout: LIVE_MS }).toBe(41.25);

    // The stuttering page leaves (the room reports a leave at once): the row is about the players connected now.
    stutters.client.close(1000);
    await stutters.client.closed();
    await expect.poll(async () => (await rowOf())?.frameTimeP95Ms, { timeout: LIVE_MS }).toBe(8.5);
    smooth.client.close();
  });

  it("serves /api/admin/metrics whose counters keep growing as a room empties, leaves the directory and restarts", async () => {
    const room = freshRoom("fleet-grow");
    const first = await connect(room, { playerId: "fg-a" });
    await walk(first.client, 5);
    // The heartbeat (every 5 s) or a join/leave carries figures; a leave reports at once.
    first.client.close(1000);
    await first.client.closed();
    await expect.poll(async () => (await adminRooms()).find((r) => r.code === room)?.players, { timeout: LIVE_MS }).toBe(0);
    const before = await metrics();
    const snapshotsBefore = before("edgehold_snapshots_sent_total")!;
    const closesBefore = before("edgehold_closes_total", { code: "1000" })!;
    expect(snapshotsBefore).toBeGreaterThanOrEqual(5);
    expect(closesBefore).toBeGreaterThanOrEqual(1);

    // Empty for the directory's 60 s: the room leaves the live list, and its counters stay in the totals.
    await advanceDirectory(DIRECTORY_TIMINGS.emptyListedMs + 1_000);
    expect((await adminRooms()).find((r) => r.code === room)).toBeUndefined();
    const afterDrop = await metrics();
    expect(afterDrop("edgehold_snapshots_sent_total")).toBeGreaterThanOrEqual(snapshotsBefore);
    expect(afterDrop("edgehold_closes_total", { code: "1000" })).toBeGreaterThanOrEqual(closesBefore);

    // Every object restarts (a deploy): the directory takes its totals back from SQLite, the room starts a new run.
    await abortAllDurableObjects();
    const second = await connect(room, { playerId: "fg-b" });
    await walk(second.client, 2);
    await expect.poll(async () => (await adminRooms()).find((r) => r.code === room)?.players, { timeout: LIVE_MS }).toBe(1);
    const afterRestart = await metrics();
    expect(afterRestart("edgehold_snapshots_sent_total")).toBeGreaterThanOrEqual(snapshotsBefore);
    // The new run's snapshots arrive with its next heartbeat (every 5 s while it runs), on top of the old run's.
    await expect.poll(async () => (await metrics())("edgehold_snapshots_sent_total"), { timeout: 2 * REPORT_EVERY_MS }).toBeGreaterThanOrEqual(snapshotsBefore + 2);
    expect(afterRestart("edgehold_closes_total", { code: "1000" })).toBeGreaterThanOrEqual(closesBefore);
    expect(afterRestart("edgehold_rooms", { kind: "room" })).toBeGreaterThanOrEqual(1);
    second.client.close();
  });
});
