import type { SqlExec } from "./rows-written.ts";
/**
 * Resume tokens let a player continue their session after a dropped socket or a restart of the room.
 *
 * The token itself is 32 random bytes handed to the client once; only its SHA-256 is stored, so a leaked
 * database does not leak usable tokens. A token is bound to the room and the player, expires after
 * RESUME_TOKEN_TTL_MS, and is rotated on every welcome (issuing a new one deletes the player's older ones).
 */
export const RESUME_TOKEN_TTL_MS = 10 * 60 * 1000;

export class ResumeTokenStore {
  constructor(private readonly sql: SqlExec) {}

  /** The player a token belongs to, if it exists, is unexpired and was issued by this room. */
  async lookup(token: string, roomCode: string, now: number): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) return undefined;
    const hash = await sha256Hex(token);
    const row = this.sql
      .exec<{ player_id: string; room_code: string; expires_at: number }>(
        "SELECT player_id, room_code, expires_at FROM resume_tokens WHERE token_hash = ?",
        hash,
      )
      .toArray()[0];
    if (!row || row.room_code !== roomCode || row.expires_at <= now) return undefined;
    return row.player_id;
  }

  /** Issues a fresh token for the player, revoking their previous ones. */
  async issue(roomCode: string, playerId: string, now: number): Promise<string> {
    const token = randomToken();
    const hash = await sha256Hex(token);
    this.sql.exec("DELETE FROM resume_tokens WHERE player_id = ? OR expires_at <= ?", playerId, now);
    this.sql.exec(
      "INSERT INTO resume_tokens (token_hash, room_code, player_id, expires_at) VALUES (?, ?, ?, ?)",
      hash, roomCode, playerId, now + RESUME_TOKEN_TTL_MS,
    );
    return token;
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return base64Url(bytes);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
