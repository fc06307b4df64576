import { describe, expect, it } from "vitest";
import type { AdminRoom } from "../src/admin/admin-api.ts";
import { appendSample, HISTORY_MS, sampleOf, seriesOf } from "../src/admin/monitor-history.ts";

function room(code: string, players: number, p99: number, bytesSentPerSec: number, costUsdPerHour: number): AdminRoom {
  return { code, kind: "room", players, tickWorkMs: { p50: p99 / 2, p99 }, bytesSentPerSec, rowsWrittenPerHour: 0, costUsdPerHour, frameTimeP95Ms: null };
}

describe("the monitor's history", () => {
  it("sums players, bandwidth and cost over rooms and keeps the worst tick p99", () => {
    const sample = sampleOf([room("a", 3, 2.5, 4_000, 0.01), room("b", 5, 7.25, 6_000, 0.02)], 1_000);
    expect(sample).toEqual({ at: 1_000, players: 8, tickWorkP99Ms: 7.25, kBpsSent: 10, costUsdPerHour: 0.03 });
  });

  it("is zero, not missing, when no room runs", () => {
    expect(sampleOf([], 5)).toEqual({ at: 5, players: 0, tickWorkP99Ms: 0, kBpsSent: 0, costUsdPerHour: 0 });
  });

  it("keeps exactly the last 15 minutes, in order, without mutating what it was given", () => {
    let history = [sampleOf([], 0)];
    const first = history;
    for (let at = 2_000; at <= HISTORY_MS + 10_000; at += 2_000) history = appendSample(history, sampleOf([room("a", at, 0, 0, 0)], at));
    expect(first).toHaveLength(1);
    const times = history.map((s) => s.at);
    expect(times[0]).toBeGreaterThan(times.at(-1)! - HISTORY_MS);
    expect(times.at(-1)).toBe(HISTORY_MS + 10_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history).toHaveLength(HISTORY_MS / 2_000);
  });

  it("drops a sample from a clock that went backwards rather than drawing a line back in time", () => {
    const history = appendSample([sampleOf([], 10_000)], sampleOf([], 4_000));
    expect(history.map((s) => s.at)).toEqual([4_000]);
  });

  it("gives uPlot seconds on x and the picked figure on y", () => {
    const history = [sampleOf([room("a", 2, 1, 0, 0)], 2_000), sampleOf([room("a", 4, 1, 0, 0)], 4_000)];
    expect(seriesOf(history, (s) => s.players)).toEqual([[2, 4], [2, 4]]);
  });
});
