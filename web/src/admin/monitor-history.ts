import type { AdminRoom } from "./admin-api.ts";

/** The plots span the last 15 minutes, sampled every 2 s (the page's poll): 450 samples at most. */
export const HISTORY_MS = 15 * 60_000;
export const POLL_MS = 2_000;

/** What the monitor plots: the whole deployment at one moment. */
export interface MonitorSample {
  /** epoch milliseconds */
  at: number;
  /** concurrent players over every live room */
  players: number;
  /** the worst room's tick work p99 (ms): one slow room is what an operator must see */
  tickWorkP99Ms: number;
  /** kB/s sent by every room together */
  kBpsSent: number;
  /** the estimated cost of every live room together, USD per hour */
  costUsdPerHour: number;
}

export function sampleOf(rooms: readonly AdminRoom[], at: number): MonitorSample {
  let players = 0;
  let tickWorkP99Ms = 0;
  let bytesSentPerSec = 0;
  let costUsdPerHour = 0;
  for (const room of rooms) {
    players += room.players;
    tickWorkP99Ms = Math.max(tickWorkP99Ms, room.tickWorkMs.p99);
    bytesSentPerSec += room.bytesSentPerSec;
    costUsdPerHour += room.costUsdPerHour;
  }
  return { at, players, tickWorkP99Ms, kBpsSent: bytesSentPerSec / 1000, costUsdPerHour };
}

/** Adds a sample and drops those older than the window; never mutates `history`. */
export function appendSample(history: readonly MonitorSample[], sample: MonitorSample, windowMs = HISTORY_MS): MonitorSample[] {
  const from = sample.at - windowMs;
  const kept = history.filter((s) => s.at > from && s.at < sample.at);
  kept.push(sample);
  return kept;
}

/** uPlot's column layout: x in seconds, then one array per series. */
export function seriesOf(history: readonly MonitorSample[], pick: (sample: MonitorSample) => number): [number[], number[]] {
  return [history.map((s) => s.at / 1000), history.map(pick)];
}
