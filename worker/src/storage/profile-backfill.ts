import { DEFAULT_CHARACTER_ID } from "../room/room-character.ts";
import { defaultColor } from "../characters/character-rules.ts";

/**
 * Rooms created before characters existed kept one checkpoint per player (`players`). On start, every such player
 * without any character profile gets a `default` profile carrying that checkpoint, and an active-profile row, so
 * nobody loses their place. Safe to run on every start: it only fills gaps. Returns the profiles created.
 */
export function backfillDefaultProfiles(storage: DurableObjectStorage, now: number): number {
  const sql = storage.sql;
  let created = 0;
  storage.transactionSync(() => {
    const orphans = sql
      .exec<{ player_id: string; name: string; x: number; y: number; vx: number; vy: number; last_input_seq: number }>(
        `SELECT player_id, name, x, y, vx, vy, last_input_seq FROM players p
         WHERE NOT EXISTS (SELECT 1 FROM character_profiles c WHERE c.user_id = p.player_id)`,
      )
      .toArray();
    for (const p of orphans) {
      sql.exec(
        `INSERT INTO character_profiles (user_id, character_id, name, class, color, cosmetics, x, y, vx, vy, last_input_seq, updated_at)
         VALUES (?, ?, ?, 'warrior', ?, '[]', ?, ?, ?, ?, ?, ?)`,
        p.player_id, DEFAULT_CHARACTER_ID, p.name, defaultColor(p.player_id), p.x, p.y, p.vx, p.vy, p.last_input_seq, now,
      );
      created++;
    }
    sql.exec(
      `INSERT INTO active_character_profiles (user_id, character_id, updated_at)
       SELECT DISTINCT c.user_id, ?, ? FROM character_profiles c
       WHERE c.character_id = ? AND NOT EXISTS (SELECT 1 FROM active_character_profiles a WHERE a.user_id = c.user_id)`,
      DEFAULT_CHARACTER_ID, now, DEFAULT_CHARACTER_ID,
    );
  });
  return created;
}
