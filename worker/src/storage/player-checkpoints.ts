/** A player's durable state: where they were and the last input of theirs the simulation applied. */
export interface PlayerCheckpoint {
  playerId: string;
  name: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  lastInputSeq: number;
}

type PlayerRow = {
  player_id: string;
  name: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  last_input_seq: number;
};

export class PlayerCheckpointStore {
  constructor(private readonly sql: SqlStorage) {}

  load(playerId: string): PlayerCheckpoint | undefined {
    const row = this.sql.exec<PlayerRow>("SELECT * FROM players WHERE player_id = ?", playerId).toArray()[0];
    return row && fromRow(row);
  }

  save(checkpoints: Iterable<PlayerCheckpoint>, now: number): void {
    for (const c of checkpoints) {
      this.sql.exec(
        `INSERT INTO players (player_id, name, x, y, vx, vy, last_input_seq, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(player_id) DO UPDATE SET name = excluded.name, x = excluded.x, y = excluded.y,
           vx = excluded.vx, vy = excluded.vy, last_input_seq = excluded.last_input_seq, updated_at = excluded.updated_at`,
        c.playerId, c.name, c.x, c.y, c.vx, c.vy, c.lastInputSeq, now,
      );
    }
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM players").one().n;
  }
}

function fromRow(row: PlayerRow): PlayerCheckpoint {
  return {
    playerId: row.player_id,
    name: row.name,
    x: row.x,
    y: row.y,
    vx: row.vx,
    vy: row.vy,
    lastInputSeq: row.last_input_seq,
  };
}
