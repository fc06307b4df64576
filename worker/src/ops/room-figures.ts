/**
 * What one room reports about itself (ARCHITECTURE.md "Operations"): the admin API's room rows, the directory's
 * heartbeat `figures` and, summed over rooms, `/api/admin/metrics`. Plain JSON, so it crosses RPC and storage as is.
 *
 * Counters are cumulative over one run of the room's object (from `startedAt`): they only grow while it runs, and
 * start again from zero when the object starts again (an eviction after the room emptied, a deploy). Whoever keeps
 * figures over time (the directory) retires a run's last figures into `RetiredTotals` (fleet-figures.ts) when a room
 * reports a new `startedAt` or stops reporting, so the fleet's counters never go down.
 */
export interface RoomFigures {
  code: string;
  kind: string;
  /** When this run of the room's object started (epoch ms); counters count from here. */
  startedAt: number;
  /** When these figures were taken (epoch ms). */
  at: number;
  /** Players connected now. */
  players: number;
  /** Milliseconds the room's loop ran in this run: what the room is billed duration for. */
  runningMs: number;
  /** Wall time of one tick over the last 300 ticks. */
  tickWorkMs: Quantiles;
  /** Round trips the room measured from `ackTick`s, over the players connected now (0 when none measured). */
  rttMs: Quantiles;
  counters: RoomCounters;
  cost: RoomCost;
  /** One row per connected player. */
  perPlayer: PlayerFigures[];
}

export interface Quantiles {
  p50: number;
  p99: number;
}

/** Counts that only grow during a run (see RoomFigures). */
export interface RoomCounters {
  snapshotsSent: number;
  /** Bytes of every frame the room sent (snapshots, events, replies). */
  bytesSent: number;
  /** Bytes of every frame the room received (counted before any limit or parsing). */
  bytesReceived: number;
  framesReceived: number;
  /** SQLite rows written: what storage costs. */
  sqliteRowsWritten: number;
  /** Connections that ended, by WebSocket close code (as a decimal string key). */
  closes: Record<string, number>;
  /** Prediction corrections the pages reported (`telemetry.report`). */
  corrections: number;
}

/** What the room costs by cost-model.ts. */
export interface RoomCost {
  /** Dollars per hour at this run's rates (duration, rows written, messages received); 0 while the loop is stopped. */
  usdPerHour: number;
  /** `usdPerHour` per connected player; null while nobody is connected. */
  usdPerPlayerHour: number | null;
  /** Rows written per hour of this run so far. */
  rowsWrittenPerHour: number;
  /** Dollars this run has cost so far (a counter). */
  usdTotal: number;
}

/** One connected player, as an operator sees them. */
export interface PlayerFigures {
  playerId: string;
  name: string;
  /** The room's smoothed round trip to them (from `ackTick`); null until measured. */
  rttMs: number | null;
  /** Bytes the room sent them per second since they connected. */
  bytesSentPerSec: number;
  /** Corrections their page reported on this connection. */
  corrections: number;
  /** Their page's last frame time p95 (ms), from `telemetry.report`; null before the first report. */
  frameTimeP95Ms: number | null;
}

/** Zeroed counters (a fresh run, or an empty fleet). */
export function noCounters(): RoomCounters {
  return { snapshotsSent: 0, bytesSent: 0, bytesReceived: 0, framesReceived: 0, sqliteRowsWritten: 0, closes: {}, corrections: 0 };
}

/** `a + b`, field by field (close codes merged). */
export function addCounters(a: RoomCounters, b: RoomCounters): RoomCounters {
  const closes = { ...a.closes };
  for (const [code, n] of Object.entries(b.closes)) closes[code] = (closes[code] ?? 0) + n;
  return {
    snapshotsSent: a.snapshotsSent + b.snapshotsSent,
    bytesSent: a.bytesSent + b.bytesSent,
    bytesReceived: a.bytesReceived + b.bytesReceived,
    framesReceived: a.framesReceived + b.framesReceived,
    sqliteRowsWritten: a.sqliteRowsWritten + b.sqliteRowsWritten,
    closes,
    corrections: a.corrections + b.corrections,
  };
}

/** The `q` quantile (0..1) of `values` by nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
