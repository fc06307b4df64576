import type { Migration } from "../storage/migrations.ts";

export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    legacyVersion: 1,
    name: "characters and active selection",
    up(sql) {
      sql.exec(`CREATE TABLE IF NOT EXISTS characters (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        class TEXT NOT NULL,
        color TEXT NOT NULL,
        cosmetics TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`);
      sql.exec("CREATE UNIQUE INDEX IF NOT EXISTS characters_name ON characters (name COLLATE NOCASE)");
      sql.exec("CREATE TABLE IF NOT EXISTS account_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    },
  },
  {
    version: 2,
    legacyVersion: 2,
    name: "rooms the user is in",
    up(sql) {
      // One row per room this user has a live connection in (Clerk mode), for the rooms-per-user cap.
      sql.exec(`CREATE TABLE IF NOT EXISTS room_presence (
        room_code TEXT PRIMARY KEY,
        connection_id TEXT NOT NULL,
        entered_at INTEGER NOT NULL
      )`);
      sql.exec("CREATE INDEX IF NOT EXISTS room_presence_entered_at ON room_presence (entered_at)");
    },
  },
  {
    version: 3,
    name: "the player's party and the parties that invited them",
    up(sql) {
      // At most one row (slot 0): one party per player is this table's primary key (characters/party-index.ts).
      sql.exec("CREATE TABLE IF NOT EXISTS party_membership (slot INTEGER PRIMARY KEY CHECK (slot = 0), party_id TEXT NOT NULL, since INTEGER NOT NULL)");
      sql.exec("CREATE TABLE IF NOT EXISTS party_invites (party_id TEXT PRIMARY KEY, invited_at INTEGER NOT NULL)");
    },
  },
];
