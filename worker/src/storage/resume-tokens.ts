import type { SqlExec } from "./rows-written.ts";
/**
 * Resume tokens let a player continue their session after a dropped socket or a restart of the room.
 *
 * The token itself is 32 random bytes handed to the client once; only its SHA-256 is stored, so a leaked
 * database does not leak usable tokens. A token is bound to the room and the player and expires after the TTL.
 * It is rotated on every welcome (issuing deletes the player's older tokens, so a used token cannot be used again)
 * and handed out afresh during a long session (`rotate`, see resume-token-rotation.ts), which keeps the one before
 * it valid until its own expiry: if that event is lost with a dying socket, the token the client holds still works.
 *
 * Minting (random bytes + hash) is async; storing is synchronous, so the room can decide a join (capacity) and
 * store its token with no await in between.
 */
export const RESUME_TOKEN_TTL_MS = 10 * 60 * 1000;

/** What a client presents: 32 random bytes in base64url is 43 characters; anything else is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

/** A fresh token and its hash, not yet stored. */
export interface MintedToken {
  token: string;
  hash: string;
}

/** The TTL from a `RESUME_TOKEN_TTL_MS` binding (tests use seconds), else 10 minutes. */
export function resumeTokenTtlMs(env: Env): number {
  const configured = Number((env as Env & { RESUME_TOKEN_TTL_MS?: string }).RESUME_TOKEN_TTL_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : RESUME_TOKEN_TTL_MS;
}

export class ResumeTokenStore {
  constructor(
    private readonly sql: SqlExec,
    readonly ttlMs: number = RESUME_TOKEN_TTL_MS,
  ) {}

  /** The player a token belongs to, if it exists, is unexpired and was issued by this room. Never throws on junk. */
  async lookup(token: string, roomCode: string, now: number): Promise<string | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
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

  async mint(): Promise<MintedToken> {
    const token = randomToken();
    return { token, hash: await sha256Hex(token) };
  }

  /** Stores a minted token for the player at welcome, revoking all their previous ones. */
  issue(minted: MintedToken, roomCode: string, playerId: string, now: number): void {
    this.sql.exec("DELETE FROM resume_tokens WHERE player_id = ? OR expires_at <= ?", playerId, now);
    this.insert(minted, roomCode, playerId, now);
  }

  /** Stores a minted token handed out mid-session, keeping only the newest earlier one (until it expires). */
  rotate(minted: MintedToken, roomCode: string, playerId: string, now: number): void {
    this.sql.exec(
      `DELETE FROM resume_tokens WHERE (player_id = ? AND token_hash NOT IN
         (SELECT token_hash FROM resume_tokens WHERE player_id = ? ORDER BY expires_at DESC LIMIT 1)) OR expires_at <= ?`,
      playerId, playerId, now,
    );
    this.insert(minted, roomCode, playerId, now);
  }

  private insert(minted: MintedToken, roomCode: string, playerId: string, now: number): void {
    this.sql.exec(
      "INSERT INTO resume_tokens (token_hash, room_code, player_id, expires_at) VALUES (?, ?, ?, ?)",
      minted.hash, roomCode, playerId, now + this.ttlMs,
    );
  }
}

/** `byteLength` random bytes in base64url: a bearer secret (resume tokens, seats). */
export function randomToken(byteLength = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength));
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
