/** One room a user is in: the room and the connection that entered it (also what an eviction names). */
export interface RoomEntry {
  roomCode: string;
  connectionId: string;
}

type PresenceRow = { room_code: string; connection_id: string; entered_at: number };

/**
 * Which rooms one user is in right now (one row per room, in the user's AccountDurableObject): the cross-room
 * state behind the rooms-per-user cap. Rows are written on join and deleted on leave, so a user costs at most
 * `cap` rows. A room that died without saying goodbye leaves a stale row behind; the account checks the rows with
 * their rooms before it evicts for the cap (see RoomCap), so a stale row never costs the user a live room.
 */
export class RoomPresenceStore {
  constructor(private readonly sql: SqlStorage) {}

  /** Records that `connectionId` is in `roomCode`; returns the user's other rooms, oldest first. */
  enter(roomCode: string, connectionId: string, now: number): RoomEntry[] {
    this.sql.exec(
      "INSERT INTO room_presence (room_code, connection_id, entered_at) VALUES (?, ?, ?) " +
        "ON CONFLICT(room_code) DO UPDATE SET connection_id = excluded.connection_id, entered_at = excluded.entered_at",
      roomCode, connectionId, now,
    );
    return this.sql
      .exec<PresenceRow>("SELECT * FROM room_presence WHERE room_code != ? ORDER BY entered_at, room_code", roomCode)
      .toArray()
      .map((row) => ({ roomCode: row.room_code, connectionId: row.connection_id }));
  }

  /** Forgets `roomCode` if `connectionId` is still the one recorded there (a newer connection may have replaced it). */
  leave(roomCode: string, connectionId: string): void {
    this.sql.exec("DELETE FROM room_presence WHERE room_code = ? AND connection_id = ?", roomCode, connectionId);
  }

  rooms(): string[] {
    return this.sql.exec<{ room_code: string }>("SELECT room_code FROM room_presence ORDER BY entered_at").toArray().map((r) => r.room_code);
  }
}
