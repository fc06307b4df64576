import { abortAllDurableObjects, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { aggregateFigures, noRetiredTotals, retire, type FleetFigures } from "../src/ops/fleet-figures.ts";
import { renderPrometheus } from "../src/ops/prometheus.ts";
import type { RoomFigures } from "../src/ops/room-figures.ts";
import { parseExposition } from "./support/exposition-parser.ts";
import { connect, freshRoom } from "./support/test-client.ts";
import { walk } from "./support/walk.ts";

const figuresOf = async (room: string): Promise<RoomFigures> => (await env.ROOMS.get(env.ROOMS.idFromName(room)).figures(room))!;


/** Every counter of `later` is at least `earlier`'s (close codes too): what "counters only grow" means. */
function expectGrown(later: FleetFigures, earlier: FleetFigures): void {
  const { closes: laterCloses, ...laterCounts } = later.counters;
  const { closes: earlierCloses, ...earlierCounts } = earlier.counters;
  for (const [name, value] of Object.entries(earlierCounts)) expect(laterCounts[name as keyof typeof laterCounts], name).toBeGreaterThanOrEqual(value);
  for (const [code, n] of Object.entries(earlierCloses)) expect(laterCloses[code] ?? 0, `closes ${code}`).toBeGreaterThanOrEqual(n);
  expect(later.usdTotal).toBeGreaterThanOrEqual(earlier.usdTotal);
}

describe("operator metrics (ARCHITECTURE.md Operations)", () => {
  it("renders a live room's figures as strict Prometheus exposition with the contract's metrics and labels", async () => {
    const room = freshRoom("metrics");
    const a = await connect(room, { playerId: "ma" });
    const b = await connect(room, { playerId: "mb" });
    await Promise.all([walk(a.client, 6), walk(b.client, 6)]);
    b.client.close(1000);
    await b.client.closed();
    await expect.poll(async () => (await figuresOf(room)).players).toBe(1);

    const figures = await figuresOf(room);
    expect(figures).toMatchObject({ code: room, kind: "room", players: 1 });
    expect(figures.counters.snapshotsSent).toBeGreaterThanOrEqual(12);
    expect(figures.counters.closes).toEqual({ "1000": 1 });
    expect(figures.perPlayer).toEqual([{ playerId: "ma", name: expect.any(String), rttMs: expect.any(Number), bytesSentPerSec: expect.any(Number), corrections: 0, frameTimeP95Ms: null }]);
    // An hour of duration ($0.005625: 128 MB × 3,600 s × $12.50 per million GB-s) plus rows and messages.
    expect(figures.cost.usdPerHour).toBeGreaterThan(0.005625);
    expect(figures.cost.usdPerHour).toBeLessThan(0.1);
    expect(figures.cost.usdPerPlayerHour).toBe(figures.cost.usdPerHour);

    const families = parseExposition(renderPrometheus(aggregateFigures([figures], noRetiredTotals())));
    const sample = (name: string, labels: Record<string, string> = {}) => {
      const family = families.get(name);
      expect(family?.help, `${name} HELP`).toBeTruthy();
      expect(family?.type, `${name} TYPE`).toMatch(/^(gauge|counter)$/);
      return family!.samples.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    };
    expect(sample("edgehold_rooms", { kind: "room" })).toBe(1);
    expect(sample("edgehold_players", { kind: "room" })).toBe(1);
    expect(sample("edgehold_tick_work_ms", { quantile: "0.5" })).toBeGreaterThanOrEqual(0);
    expect(sample("edgehold_tick_work_ms", { quantile: "0.99" })).toBeGreaterThanOrEqual(sample("edgehold_tick_work_ms", { quantile: "0.5" })!);
    expect(sample("edgehold_rtt_ms", { quantile: "0.5" })).toBe(figures.perPlayer[0]!.rttMs);
    expect(sample("edgehold_rtt_ms", { quantile: "0.99" })).toBe(figures.perPlayer[0]!.rttMs);
    expect(sample("edgehold_snapshots_sent_total")).toBe(figures.counters.snapshotsSent);
    expect(sample("edgehold_bytes_sent_total")).toBe(figures.counters.bytesSent);
    expect(sample("edgehold_bytes_received_total")).toBe(figures.counters.bytesReceived);
    expect(sample("edgehold_frames_received_total")).toBeGreaterThanOrEqual(12);
    expect(sample("edgehold_sqlite_rows_written_total")).toBeGreaterThan(0);
    expect(sample("edgehold_closes_total", { code: "1000" })).toBe(1);
    expect(sample("edgehold_corrections_total")).toBe(0);
    expect(sample("edgehold_estimated_cost_usd_per_hour")).toBe(figures.cost.usdPerHour);
    for (const name of families.keys()) if (families.get(name)!.type === "counter") expect(name).toMatch(/_total$/);
    a.client.close();
  });

  it("keeps every counter growing across a room emptying and its object starting again (retired runs add up)", async () => {
    const room = freshRoom("grow");
    const first = await connect(room, { playerId: "ga" });
    await walk(first.client, 5);
    let retired = noRetiredTotals();
    const running = aggregateFigures([await figuresOf(room)], retired);
    expect(running.counters.snapshotsSent).toBeGreaterThan(0);

    // The room empties: its figures (same run) still hold what it counted, plus the close.
    first.client.close(1000);
    await first.client.closed();
    await expect.poll(async () => (await figuresOf(room)).players).toBe(0);
    const lastOfRun = await figuresOf(room);
    const emptied = aggregateFigures([lastOfRun], retired);
    expectGrown(emptied, running);
    expect(emptied.counters.closes["1000"]).toBe(1);
    expect(emptied.roomsByKind).toEqual({ room: 1 });
    // Stopped (nobody here): it costs nothing per hour now, and what it cost so far stays counted.
    expect(lastOfRun.cost.usdPerHour).toBe(0);
    expect(lastOfRun.cost.usdTotal).toBeGreaterThan(0);

    // Its object goes (evicted once empty; here: aborted) and starts again on the next join: a new run from zero.
    await abortAllDurableObjects();
    const second = await connect(room, { playerId: "gb" });
    await walk(second.client, 2);
    const newRun = await figuresOf(room);
    expect(newRun.startedAt).not.toBe(lastOfRun.startedAt);
    expect(newRun.counters.snapshotsSent).toBeLessThan(lastOfRun.counters.snapshotsSent);
    // The directory saw a new startedAt: it retires the old run's last figures, and the fleet's counters still grow.
    retired = retire(retired, lastOfRun);
    const restarted = aggregateFigures([newRun], retired);
    expectGrown(restarted, emptied);
    expect(restarted.counters.snapshotsSent).toBe(lastOfRun.counters.snapshotsSent + newRun.counters.snapshotsSent);
    const text = renderPrometheus(restarted);
    parseExposition(text);
    expect(text).toContain(`edgehold_snapshots_sent_total ${restarted.counters.snapshotsSent}\n`);
    second.client.close();
  });
});
