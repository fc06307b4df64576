import type { SqlExec } from "./rows-written.ts";
import type { RoomCharacter } from "../room/room-character.ts";
import type { CheckpointEntry } from "./room-checkpoint.ts";

/**
 * A player's durable state in this room, per character: where that character was and the last input of theirs the
 * simulation applied. Keyed by (user, character), so switching characters keeps each one's place.
 */
export interface CharacterProfile {
  userId: string;
  character: RoomCharacter;
  x: number;
  y: number;
  vx: number;
  vy: number;
  lastInputSeq: number;
}

type ProfileRow = {
  user_id: string;
  character_id: string;
  name: string;
  class: string;
  color: string;
  cosmetics: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  last_input_seq: number;
};

export class CharacterProfileStore {
  constructor(private readonly sql: SqlExec) {}

  load(userId: string, characterId: string): CharacterProfile | undefined {
    const row = this.sql
      .exec<ProfileRow>("SELECT * FROM character_profiles WHERE user_id = ? AND character_id = ?", userId, characterId)
      .toArray()[0];
    return row && fromRow(row);
  }

  /** The character this user last played here (used when a hibernated socket is restored). */
  active(userId: string): CharacterProfile | undefined {
    const row = this.sql
      .exec<ProfileRow>(
        `SELECT p.* FROM active_character_profiles a
         JOIN character_profiles p ON p.user_id = a.user_id AND p.character_id = a.character_id
         WHERE a.user_id = ?`,
        userId,
      )
      .toArray()[0];
    return row && fromRow(row);
  }

  save(profiles: Iterable<CharacterProfile>, now: number): void {
    for (const p of profiles) {
      const c = p.character;
      this.sql.exec(
        `INSERT INTO character_profiles (user_id, character_id, name, class, color, cosmetics, x, y, vx, vy, last_input_seq, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(user_id, character_id) DO UPDATE SET name = excluded.name, class = excluded.class,
           color = excluded.color, cosmetics = excluded.cosmetics, x = excluded.x, y = excluded.y, vx = excluded.vx,
           vy = excluded.vy, last_input_seq = excluded.last_input_seq, updated_at = excluded.updated_at`,
        p.userId, c.id, c.name, c.characterClass, c.color, JSON.stringify(c.cosmetics), p.x, p.y, p.vx, p.vy, p.lastInputSeq, now,
      );
      this.sql.exec(
        `INSERT INTO active_character_profiles (user_id, character_id, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(user_id) DO UPDATE SET character_id = excluded.character_id, updated_at = excluded.updated_at`,
        p.userId, c.id, now,
      );
    }
  }

  /** Moves a saved character to where a room checkpoint last saw it (only if the profile row exists). */
  savePosition(entry: CheckpointEntry, now: number): void {
    this.sql.exec(
      `UPDATE character_profiles SET x = ?, y = ?, vx = ?, vy = ?, last_input_seq = ?, updated_at = ?
       WHERE user_id = ? AND character_id = ?`,
      entry.x, entry.y, entry.vx, entry.vy, entry.lastInputSeq, now, entry.userId, entry.characterId,
    );
  }
}

function fromRow(row: ProfileRow): CharacterProfile {
  return {
    userId: row.user_id,
    character: { id: row.character_id, name: row.name, characterClass: row.class, color: row.color, cosmetics: JSON.parse(row.cosmetics) as string[] },
    x: row.x,
    y: row.y,
    vx: row.vx,
    vy: row.vy,
    lastInputSeq: row.last_input_seq,
  };
}
