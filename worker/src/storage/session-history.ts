import type { SqlExec } from "./rows-written.ts";
/** Why a game session ended. */
export const SessionEndReason = {
  /** The client closed the socket normally. */
  closed: "closed",
  /** The connection was lost without a close handshake. */
  dropped: "dropped",
  /** The same player connected again; this connection was closed with 4005. */
  replaced: "replaced",
  /** The server closed it (protocol violations, rate limits, moderation). */
  kicked: "kicked",
  /** The runtime reported a socket error. */
  error: "error",
  /** The room restarted while the session was open; its end time is when the room noticed. */
  expired: "expired",
  /** Nothing arrived on the connection for the idle timeout (closed 4009). */
  idle: "idle",
  /** The user joined more rooms than the cap and this was the oldest (closed 4006). */
  tooManyRooms: "too_many_rooms",
} as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];

export interface GameSession {
  sessionId: string;
  userId: string;
  characterId: string;
  connectedAt: number;
  disconnectedAt: number | null;
  reason: SessionEndReason | null;
}

/** A player who left the room: who, as which name, and when. */
export interface DepartedPlayer {
  playerId: string;
  name: string;
  leftAt: number;
}

/** One row per connection that joined the room: who, as which character, from when to when, and why it ended. */
export class SessionHistoryStore {
  constructor(private readonly sql: SqlExec) {}

  start(sessionId: string, userId: string, characterId: string, at: number): void {
    this.sql.exec(
      "INSERT INTO game_sessions (session_id, user_id, character_id, connected_at) VALUES (?, ?, ?, ?)",
      sessionId, userId, characterId, at,
    );
  }

  end(sessionId: string, at: number, reason: SessionEndReason): void {
    this.sql.exec(
      "UPDATE game_sessions SET disconnected_at = ?, reason = ? WHERE session_id = ? AND disconnected_at IS NULL",
      at, reason, sessionId,
    );
  }

  /** Closes sessions left open by a restart, except those whose sockets survived (hibernation). */
  expireOpen(except: ReadonlySet<string>, at: number): void {
    const open = this.sql.exec<{ session_id: string }>("SELECT session_id FROM game_sessions WHERE disconnected_at IS NULL").toArray();
    for (const { session_id } of open) if (!except.has(session_id)) this.end(session_id, at, SessionEndReason.expired);
  }

  /**
   * Players whose session here ended at or after `since`, with the name of the character they last played and when
   * they left (each player once, latest first). The room owner's `/ban`, `/mute` and `/clear` reach them too. A scan
   * of the (pruned, bounded) session table: it runs on an owner's command, never per tick.
   */
  departedSince(since: number): DepartedPlayer[] {
    return this.sql
      .exec<{ player_id: string; name: string | null; left_at: number }>(
        `SELECT s.user_id AS player_id, p.name AS name, s.disconnected_at AS left_at
         FROM game_sessions s LEFT JOIN character_profiles p ON p.user_id = s.user_id AND p.character_id = s.character_id
         WHERE s.disconnected_at >= ? ORDER BY s.disconnected_at DESC`,
        since,
      )
      .toArray()
      .filter((row, i, rows) => rows.findIndex((other) => other.player_id === row.player_id) === i)
      .map((row) => ({ playerId: row.player_id, name: row.name ?? row.player_id, leftAt: row.left_at }));
  }

  countSince(since: number): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM game_sessions WHERE connected_at >= ?", since).one().n;
  }

  list(limit = 100): GameSession[] {
    return this.sql
      .exec<{ session_id: string; user_id: string; character_id: string; connected_at: number; disconnected_at: number | null; reason: SessionEndReason | null }>(
        "SELECT * FROM game_sessions ORDER BY connected_at DESC LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => ({
        sessionId: r.session_id,
        userId: r.user_id,
        characterId: r.character_id,
        connectedAt: r.connected_at,
        disconnectedAt: r.disconnected_at,
        reason: r.reason,
      }));
  }
}
