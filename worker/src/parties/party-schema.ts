import type { Migration } from "../storage/migrations.ts";

/** The tables of one party's Durable Object (parties/party-store.ts). */
export const PARTY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "the party, its members and its invites",
    up(sql) {
      sql.exec("CREATE TABLE IF NOT EXISTS party (id TEXT PRIMARY KEY, leader TEXT NOT NULL, created_at INTEGER NOT NULL)");
      // `room_code`: the room the member is in now (told by the room at join and leave), so a change of the party
      // reaches the rooms its members are in. `summon_*`: the seat the leader's matchmake reserved for them.
      sql.exec(`CREATE TABLE IF NOT EXISTS party_members (
        player_id TEXT PRIMARY KEY,
        joined_at INTEGER NOT NULL,
        room_code TEXT,
        summon_code TEXT,
        summon_seat TEXT,
        summon_expires_at INTEGER
      )`);
      sql.exec("CREATE TABLE IF NOT EXISTS party_invites (player_id TEXT PRIMARY KEY, invited_at INTEGER NOT NULL)");
    },
  },
  {
    version: 2,
    name: "the party's version: one up at every change of its members (its notices to rooms carry it)",
    up(sql) {
      sql.exec("ALTER TABLE party ADD COLUMN version INTEGER NOT NULL DEFAULT 0");
    },
  },
];
