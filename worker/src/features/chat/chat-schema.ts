import type { Migration } from "../../storage/migrations.ts";

/**
 * The chat feature's tables (chat's migration 1; rooms from before migrations were numbered per feature recorded it
 * as 11):
 * - `chat_history`: a ring of CHAT_HISTORY_SIZE rows keyed by a slot that goes round, overwritten in place, so a line
 *   costs one row written (an upsert) and the table never grows past the ring.
 * - `chat_mutes`: who may not chat until when (an owner's `/mute` or the flood escalation's).
 * - `chat_bans`: who is refused on every join.
 */
export const CHAT_MIGRATION: Migration = {
  version: 1,
  legacyVersion: 11,
  name: "chat: history ring, mutes, bans",
  up(sql) {
    sql.exec(`CREATE TABLE IF NOT EXISTS chat_history (
      slot INTEGER PRIMARY KEY,
      id INTEGER NOT NULL,
      from_id TEXT NOT NULL,
      name TEXT NOT NULL,
      text TEXT NOT NULL,
      scope TEXT NOT NULL,
      at INTEGER NOT NULL
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS chat_mutes (
      player_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      until INTEGER NOT NULL,
      reason TEXT NOT NULL
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS chat_bans (
      player_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      banned_at INTEGER NOT NULL,
      banned_by TEXT NOT NULL
    )`);
  },
};
