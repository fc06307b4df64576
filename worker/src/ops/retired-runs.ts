import { noRetiredTotals, retire, type RetiredTotals } from "./fleet-figures.ts";
import type { RoomFigures } from "./room-figures.ts";

/**
 * A run retired this long ago can no longer come back (a room's object that is gone stays gone; one that reports
 * again after its entry expired does so within seconds): its figures fold into the stored totals.
 */
const REVIVABLE_FOR_MS = 60 * 60_000;

/**
 * How often the live runs' counters are written down: a directory that restarts (a deploy, a crash) takes them up as
 * retired runs (revived by their next report), so the fleet's counters lose at most this much. One row per 30 s.
 */
const CHECKPOINT_EVERY_MS = 30_000;

/** One run of a room's object: its counters count from `startedAt`. */
function runKey(figures: RoomFigures): string {
  return `${figures.code}@${figures.startedAt}`;
}

/**
 * The counters of room runs that left the directory (emptied, restarted, died): what keeps the fleet's counters
 * growing when rooms go. Stored in the directory's SQLite (one row written per run retired, a room's lifetime, not
 * per report), so a restarted directory does not reset them.
 *
 * A run can come back: an entry expires or is dropped while its room's object is still alive (a slow answer, a room
 * empty for a minute then joined again), and its next report carries the same run's counters, grown. So a run is
 * retired by key and revived by key rather than added to a sum it could not be taken out of; only after
 * REVIVABLE_FOR_MS does it fold into the stored totals for good.
 */
export class RetiredRuns {
  private readonly recent = new Map<string, { at: number; figures: RoomFigures }>();
  private folded: RetiredTotals;

  constructor(
    private readonly sql: SqlStorage,
    private readonly now: () => number,
  ) {
    sql.exec("CREATE TABLE IF NOT EXISTS retired_runs (run TEXT PRIMARY KEY, retired_at INTEGER NOT NULL, figures TEXT NOT NULL)");
    sql.exec("CREATE TABLE IF NOT EXISTS retired_totals (id INTEGER PRIMARY KEY CHECK (id = 1), totals TEXT NOT NULL)");
    sql.exec("CREATE TABLE IF NOT EXISTS live_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL, figures TEXT NOT NULL)");
    const stored = sql.exec<{ totals: string }>("SELECT totals FROM retired_totals WHERE id = 1").toArray()[0];
    this.folded = stored ? (JSON.parse(stored.totals) as RetiredTotals) : noRetiredTotals();
    for (const row of sql.exec<{ run: string; retired_at: number; figures: string }>("SELECT run, retired_at, figures FROM retired_runs")) {
      this.recent.set(row.run, { at: row.retired_at, figures: JSON.parse(row.figures) as RoomFigures });
    }
    // What was live when the directory last wrote it down: retired until those runs report again.
    const checkpoint = sql.exec<{ figures: string }>("SELECT figures FROM live_checkpoint WHERE id = 1").toArray()[0];
    if (checkpoint) {
      for (const figures of JSON.parse(checkpoint.figures) as RoomFigures[]) if (!this.recent.has(runKey(figures))) this.retire(figures);
      sql.exec("DELETE FROM live_checkpoint");
    }
  }

  private checkpointAt = 0;

  /** Writes the live runs' counters down, at most every CHECKPOINT_EVERY_MS (see CHECKPOINT_EVERY_MS). */
  checkpoint(live: () => readonly RoomFigures[]): void {
    const now = this.now();
    if (now - this.checkpointAt < CHECKPOINT_EVERY_MS) return;
    this.checkpointAt = now;
    // The per-player rows are not counters: left out, so the row stays small with a thousand rooms.
    const figures = live().map((f) => ({ ...f, perPlayer: [] }));
    this.sql.exec("INSERT OR REPLACE INTO live_checkpoint (id, at, figures) VALUES (1, ?, ?)", now, JSON.stringify(figures));
  }

  /** A run's last figures, now final unless it reports again. */
  retire(figures: RoomFigures): void {
    const key = runKey(figures);
    const at = this.now();
    this.recent.set(key, { at, figures });
    this.sql.exec("INSERT OR REPLACE INTO retired_runs (run, retired_at, figures) VALUES (?, ?, ?)", key, at, JSON.stringify(figures));
    this.foldOld(at);
  }

  /** A live report of `figures`' run: if that run was retired, it is live again (its counters are in the report). */
  revive(figures: RoomFigures): void {
    const key = runKey(figures);
    if (!this.recent.delete(key)) return;
    this.sql.exec("DELETE FROM retired_runs WHERE run = ?", key);
  }

  /** What every retired run counted. */
  totals(): RetiredTotals {
    let totals = this.folded;
    for (const { figures } of this.recent.values()) totals = retire(totals, figures);
    return totals;
  }

  private foldOld(now: number): void {
    let folded = this.folded;
    const gone: string[] = [];
    for (const [key, { at, figures }] of this.recent) {
      if (now - at < REVIVABLE_FOR_MS) continue;
      folded = retire(folded, figures);
      gone.push(key);
    }
    if (gone.length === 0) return;
    this.folded = folded;
    for (const key of gone) this.recent.delete(key);
    this.sql.exec("INSERT OR REPLACE INTO retired_totals (id, totals) VALUES (1, ?)", JSON.stringify(folded));
    this.sql.exec("DELETE FROM retired_runs WHERE retired_at <= ?", now - REVIVABLE_FOR_MS);
  }
}
