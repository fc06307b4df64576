import type { Migration } from "../../storage/migrations.ts";
import type { SqlExec } from "../../storage/rows-written.ts";

/**
 * The `combat_scores` table: kills and deaths per player in this room, so a score survives restarts. Written only
 * when a score changes (a death: the victim's row and the killer's), read once when a player becomes a combatant.
 * Combat's migration 1; rooms from before migrations were numbered per feature recorded it as 10.
 */
export const COMBAT_SCORES_MIGRATION: Migration = {
  version: 1,
  legacyVersion: 10,
  name: "combat: kills and deaths per player",
  up(sql) {
    sql.exec(`CREATE TABLE IF NOT EXISTS combat_scores (
      player_id TEXT PRIMARY KEY,
      kills INTEGER NOT NULL,
      deaths INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
  },
};

export interface Score {
  kills: number;
  deaths: number;
}

export class CombatScores {
  constructor(private readonly sql: SqlExec) {}

  load(playerId: string): Score {
    const row = this.sql.exec<{ kills: number; deaths: number }>("SELECT kills, deaths FROM combat_scores WHERE player_id = ?", playerId).toArray()[0];
    return row ? { kills: row.kills, deaths: row.deaths } : { kills: 0, deaths: 0 };
  }

  /** One row written. */
  save(playerId: string, score: Score, now: number): void {
    this.sql.exec(
      `INSERT INTO combat_scores (player_id, kills, deaths, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (player_id) DO UPDATE SET kills = excluded.kills, deaths = excluded.deaths, updated_at = excluded.updated_at`,
      playerId, score.kills, score.deaths, now,
    );
  }
}
