import { percentile } from "./args.ts";
import type { Bot } from "./bot.ts";

/** p50/p95/p99/max of one figure over a step (ARCHITECTURE.md "Operations", `npm run loadtest --json`). */
export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** One step of a load test, as `--json` writes it. */
export interface StepResult {
  players: number;
  seconds: number;
  rttMs: Spread;
  inputToAppliedMs: Spread;
  snapshotIntervalMs: Spread;
  kBpsDownPerClient: Spread;
  closes: Record<string, number>;
  ok: boolean;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : 0);
  return { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

/**
 * A step's result: the bots' figures since their `resetMeasurements`, over `elapsedS`. `ok` when every bot stayed connected
 * and, with `maxP99Ms`, input → applied p99 (what a player feels of the room) is within it.
 */
export function stepResult(bots: readonly Bot[], seconds: number, elapsedS: number, closes: Record<string, number>, maxP99Ms: number | undefined): StepResult {
  const inputToAppliedMs = spread(bots.flatMap((b) => b.ackLatenciesMs));
  const unexpected = Object.keys(closes).some((code) => code !== "1000" && code !== "1005");
  return {
    players: bots.length,
    seconds,
    rttMs: spread(bots.flatMap((b) => b.rttsMs)),
    inputToAppliedMs,
    snapshotIntervalMs: spread(bots.flatMap((b) => b.snapshotTimes.slice(1).map((t, i) => t - b.snapshotTimes[i]!))),
    kBpsDownPerClient: spread(bots.map((b) => b.bytesDown / elapsedS / 1024)),
    closes,
    ok: !unexpected && bots.every((b) => b.connected) && (maxP99Ms === undefined || inputToAppliedMs.p99 <= maxP99Ms),
  };
}

/** The percentile table printed at the end: one row per figure and step. */
export function resultTable(results: readonly StepResult[]): Record<string, Record<string, string | number>> {
  const table: Record<string, Record<string, string | number>> = {};
  for (const r of results) {
    const rows: [string, Spread][] = [
      ["RTT ms", r.rttMs],
      ["input → applied ms", r.inputToAppliedMs],
      ["snapshot interval ms", r.snapshotIntervalMs],
      ["kB/s down per client", r.kBpsDownPerClient],
    ];
    for (const [name, s] of rows) table[`${r.players} players · ${name}`] = { p50: s.p50, p95: s.p95, p99: s.p99, max: s.max };
    table[`${r.players} players · closes`] = { p50: Object.entries(r.closes).map(([code, n]) => `${code}×${n}`).join(" ") || "none", p95: "", p99: "", max: r.ok ? "ok" : "MISSED" };
  }
  return table;
}
