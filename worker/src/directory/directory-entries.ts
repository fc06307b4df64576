import type { DirectoryTimings } from "./directory-timing.ts";
import { isNewer, type DirectoryEntry, type PublicRoom, type RoomReport } from "./room-report.ts";

/**
 * The directory's picture of the public rooms: each room's newest report, and when it was heard and emptied. In
 * memory only: it is rebuilt from the rooms' reports within a heartbeat after the directory restarts, so storing it
 * would cost a SQLite row per report (thousands an hour per room) to save a few seconds once in a while.
 */
export class DirectoryEntries {
  private readonly entries = new Map<string, DirectoryEntry>();

  constructor(
    private readonly timings: DirectoryTimings,
    /** An entry left: expired, or removed. Its figures are the run's last (the operators' totals keep them). */
    private readonly dropped: (entry: DirectoryEntry) => void = () => {},
  ) {}

  /** Takes a room's report if it is newer than what is known (reports may arrive out of order). */
  apply(report: RoomReport, now: number): void {
    const known = this.entries.get(report.code);
    if (known && !isNewer(report.version, known.version)) return;
    // A new run of the room's object (a restart): the old run's figures are final.
    if (known && known.version.boot !== report.version.boot) this.dropped(known);
    const emptySince = report.players > 0 ? undefined : (known?.emptySince ?? now);
    this.entries.set(report.code, { ...report, heardAt: now, emptySince });
  }

  remove(code: string): void {
    const known = this.entries.get(code);
    if (!known) return;
    this.entries.delete(code);
    this.dropped(known);
  }

  /** Every live entry at `now`; expired ones (dead, or empty for too long) are dropped first. */
  live(now: number): DirectoryEntry[] {
    for (const [code, entry] of this.entries) {
      if (!this.expired(entry, now)) continue;
      this.entries.delete(code);
      this.dropped(entry);
    }
    return [...this.entries.values()];
  }

  /** Live entries that are listed publicly (and open to matchmaking). */
  listed(now: number): DirectoryEntry[] {
    return this.live(now).filter((entry) => entry.listed);
  }

  /** Public rooms (of `kind`, when given), fullest first, as `GET /api/rooms` lists them. */
  list(now: number, kind?: string): PublicRoom[] {
    return this.listed(now)
      .filter((entry) => kind === undefined || entry.kind === kind)
      .sort((a, b) => b.players - a.players || a.code.localeCompare(b.code))
      .map(({ code, kind, players, capacity, region }) => ({ code, kind, players, capacity, ...(region ? { region } : {}) }));
  }

  private expired(entry: DirectoryEntry, now: number): boolean {
    // A room that runs (or has someone in it) sends heartbeats: silence means it died without a goodbye.
    const expectsHeartbeat = entry.running || entry.players > 0;
    if (expectsHeartbeat && now - entry.heardAt > this.timings.staleAfterMs) return true;
    return entry.emptySince !== undefined && now - entry.emptySince >= this.timings.emptyListedMs;
  }
}

/** Seats of `entry` free at `now`: neither held by a player in the world nor reserved and unexpired. */
export function freeSeats(entry: RoomReport, now: number): number {
  return entry.capacity - entry.occupied - entry.reservedUntil.filter((until) => until > now).length;
}
