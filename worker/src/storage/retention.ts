import type { SqlExec } from "./rows-written.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Session history is for moderation and "who played here lately": a month of it answers both. */
export const SESSION_HISTORY_RETENTION_MS = 30 * DAY_MS;
/**
 * And at most this many finished sessions, whatever their age: a busy public room (or a reconnect loop) could write
 * tens of thousands a day. 10,000 rows of ~100 bytes is ~1 MB.
 */
export const SESSION_HISTORY_MAX_ROWS = 10_000;
/**
 * A guest (a `guest-…` id the room generated for a player who named nobody) who has not been seen for a month is not
 * coming back: their resume token expired long ago, so nobody can ever act as them again. Their profiles go.
 */
export const GUEST_PROFILE_TTL_MS = 30 * DAY_MS;
/**
 * Pruning runs when the room starts and then at most once an hour: each run is a few indexed DELETEs, but running
 * them every checkpoint would turn cheap into constant work, and a table grows by at most an hour of joins between
 * runs.
 */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface PruneResult {
  sessions: number;
  resumeTokens: number;
  guestProfiles: number;
}

/** Deletes what the room no longer needs: old session history, expired resume tokens, forgotten guests. */
export class StorageRetention {
  private lastPrunedAt = -Infinity;

  constructor(private readonly sql: SqlExec) {}

  /** Prunes if it has not in the last PRUNE_INTERVAL_MS. `present`: users in the room now (never pruned). */
  maybePrune(now: number, present: Iterable<string>): PruneResult | undefined {
    if (now - this.lastPrunedAt < PRUNE_INTERVAL_MS) return undefined;
    this.lastPrunedAt = now;
    return this.prune(now, present);
  }

  prune(now: number, present: Iterable<string>): PruneResult {
    return {
      sessions: pruneSessionHistory(this.sql, now),
      resumeTokens: pruneExpiredResumeTokens(this.sql, now),
      guestProfiles: pruneIdleGuests(this.sql, now, present),
    };
  }
}

/** Finished sessions older than the retention window, then the oldest beyond the row cap. Open ones stay. */
export function pruneSessionHistory(sql: SqlExec, now: number): number {
  const old = sql.exec(
    "DELETE FROM game_sessions WHERE connected_at < ? AND disconnected_at IS NOT NULL",
    now - SESSION_HISTORY_RETENTION_MS,
  ).rowsWritten;
  const overCap = sql.exec(
    `DELETE FROM game_sessions WHERE session_id IN (
       SELECT session_id FROM game_sessions WHERE disconnected_at IS NOT NULL ORDER BY connected_at DESC LIMIT -1 OFFSET ?
     )`,
    SESSION_HISTORY_MAX_ROWS,
  ).rowsWritten;
  return old + overCap;
}

/** Resume tokens past their expiry (a token is otherwise only deleted when its player is issued a new one). */
export function pruneExpiredResumeTokens(sql: SqlExec, now: number): number {
  return sql.exec("DELETE FROM resume_tokens WHERE expires_at <= ?", now).rowsWritten;
}

/** Profiles (and the active-profile row) of guests untouched for GUEST_PROFILE_TTL_MS and not in the room now. */
export function pruneIdleGuests(sql: SqlExec, now: number, present: Iterable<string>): number {
  // GLOB, not LIKE: case-sensitive, so only ids the room generated (`guest-` + hex) match.
  const deleted = sql.exec(
    `DELETE FROM character_profiles
     WHERE user_id GLOB 'guest-*' AND updated_at < ? AND user_id NOT IN (SELECT value FROM json_each(?))`,
    now - GUEST_PROFILE_TTL_MS,
    JSON.stringify([...present]),
  ).rowsWritten;
  if (deleted > 0) {
    sql.exec(
      `DELETE FROM active_character_profiles
       WHERE user_id GLOB 'guest-*' AND NOT EXISTS (SELECT 1 FROM character_profiles c WHERE c.user_id = active_character_profiles.user_id)`,
    );
  }
  return deleted;
}
