import type { SqlExec } from "./rows-written.ts";

/** Where one present character was at a checkpoint, and the last of its player's inputs the sim had applied. */
export interface CheckpointEntry {
  userId: string;
  characterId: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  lastInputSeq: number;
}

/** The room's moving state at one tick: every present character in one row. */
export interface RoomCheckpoint {
  tick: number;
  writtenAt: number;
  players: CheckpointEntry[];
}

/**
 * The single `room_checkpoint` row (id 1). One row for the whole room, whatever its player count: rows written
 * are what a room costs, and a per-player row every second was ~460,000 rows per hour for 64 players.
 * Positions travel as JSON numbers, which round-trip the sim's f64 values exactly.
 */
export class RoomCheckpointStore {
  constructor(private readonly sql: SqlExec) {}

  load(): RoomCheckpoint | undefined {
    const row = this.sql
      .exec<{ tick: number; written_at: number; players: string }>("SELECT tick, written_at, players FROM room_checkpoint WHERE id = 1")
      .toArray()[0];
    return row && { tick: row.tick, writtenAt: row.written_at, players: JSON.parse(row.players) as CheckpointEntry[] };
  }

  save(checkpoint: RoomCheckpoint): void {
    this.sql.exec(
      `INSERT INTO room_checkpoint (id, tick, written_at, players) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET tick = excluded.tick, written_at = excluded.written_at, players = excluded.players`,
      checkpoint.tick, checkpoint.writtenAt, JSON.stringify(checkpoint.players),
    );
  }
}
