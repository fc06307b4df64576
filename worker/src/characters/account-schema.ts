import type { Migration } from "../storage/migrations.ts";

export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
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
];
