import type { Migration, MigrationSet } from "./migrations.ts";

/** The room's own tables (owner "room"). Append new migrations; never edit one that has shipped. */
export const ROOM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    legacyVersion: 1,
    name: "room meta, player checkpoints, resume tokens",
    up(sql) {
      sql.exec(`CREATE TABLE IF NOT EXISTS room_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      )`);
      // Positions are stored as the sim's exact f64 values (on the 1/256 grid), so a restore is bit-exact.
      sql.exec(`CREATE TABLE IF NOT EXISTS players (
        player_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        x REAL NOT NULL,
        y REAL NOT NULL,
        vx REAL NOT NULL,
        vy REAL NOT NULL,
        last_input_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      )`);
      sql.exec(`CREATE TABLE IF NOT EXISTS resume_tokens (
        token_hash TEXT PRIMARY KEY,
        room_code TEXT NOT NULL,
        player_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      )`);
      sql.exec("CREATE INDEX IF NOT EXISTS resume_tokens_by_player ON resume_tokens (player_id)");
    },
  },
  {
    version: 2,
    legacyVersion: 2,
    name: "character profiles, active profiles, game sessions",
    up(sql) {
      // Per (user, character) state; `players` (v1) is kept read-only for the start-up backfill.
      sql.exec(`CREATE TABLE IF NOT EXISTS character_profiles (
        user_id TEXT NOT NULL,
        character_id TEXT NOT NULL,
        name TEXT NOT NULL,
        class TEXT NOT NULL,
        color TEXT NOT NULL,
        cosmetics TEXT NOT NULL,
        x REAL NOT NULL,
        y REAL NOT NULL,
        vx REAL NOT NULL,
        vy REAL NOT NULL,
        last_input_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, character_id)
      )`);
      sql.exec(`CREATE TABLE IF NOT EXISTS active_character_profiles (
        user_id TEXT PRIMARY KEY,
        character_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      )`);
      sql.exec(`CREATE TABLE IF NOT EXISTS game_sessions (
        session_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        character_id TEXT NOT NULL,
        connected_at INTEGER NOT NULL,
        disconnected_at INTEGER,
        reason TEXT
      )`);
      sql.exec("CREATE INDEX IF NOT EXISTS game_sessions_by_connected_at ON game_sessions (connected_at)");
    },
  },
  {
    version: 3,
    legacyVersion: 3,
    name: "one-row room checkpoint; indexes for pruning expired rows",
    up(sql) {
      // Every present character's position in one row, rewritten about once a second only while something moves
      // (see room/checkpointer.ts). `id` is always 1.
      sql.exec(`CREATE TABLE IF NOT EXISTS room_checkpoint (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        tick INTEGER NOT NULL,
        written_at INTEGER NOT NULL,
        players TEXT NOT NULL
      )`);
      // Pruning (storage/retention.ts) deletes by these columns; without indexes each prune scans the table.
      sql.exec("CREATE INDEX IF NOT EXISTS resume_tokens_by_expiry ON resume_tokens (expires_at)");
      sql.exec("CREATE INDEX IF NOT EXISTS character_profiles_by_updated_at ON character_profiles (updated_at)");
    },
  },
];

/** The room's migrations, then its features' (each under its own name; see storage/migrations.ts). */
export function roomMigrations(featureMigrations: readonly MigrationSet[]): MigrationSet[] {
  return [{ owner: "room", migrations: ROOM_MIGRATIONS }, ...featureMigrations];
}
