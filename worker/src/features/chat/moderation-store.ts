import type { MuteReason } from "@edgehold/protocol";
import type { SqlExec } from "../../storage/rows-written.ts";

export interface Mute {
  playerId: string;
  name: string;
  /** ms since the epoch. */
  until: number;
  reason: MuteReason;
}

export interface Ban {
  playerId: string;
  name: string;
  bannedAt: number;
  bannedBy: string;
}

/**
 * Mutes and bans of one room: read once at start (a room holds few), kept in memory for the per-line checks, and
 * written to SQLite when they change — before the player concerned is told — so they survive restarts.
 */
export class ModerationStore {
  private readonly mutes = new Map<string, Mute>();
  private readonly bans = new Map<string, Ban>();

  constructor(
    private readonly sql: SqlExec,
    now: number,
  ) {
    for (const row of sql.exec<{ player_id: string; name: string; until: number; reason: string }>("SELECT player_id, name, until, reason FROM chat_mutes")) {
      if (row.until > now) this.mutes.set(row.player_id, { playerId: row.player_id, name: row.name, until: row.until, reason: row.reason as MuteReason });
    }
    // Expired mutes are not worth a row each to delete now: the next mute of that player overwrites its row.
    for (const row of sql.exec<{ player_id: string; name: string; banned_at: number; banned_by: string }>("SELECT player_id, name, banned_at, banned_by FROM chat_bans")) {
      this.bans.set(row.player_id, { playerId: row.player_id, name: row.name, bannedAt: row.banned_at, bannedBy: row.banned_by });
    }
  }

  /** The player's mute, if it still lasts at `now`. */
  muteOf(playerId: string, now: number): Mute | undefined {
    const mute = this.mutes.get(playerId);
    if (mute && mute.until <= now) {
      this.mutes.delete(playerId);
      return undefined;
    }
    return mute;
  }

  /** Every mute still lasting (for `/unmute` of a player who left). */
  activeMutes(now: number): Mute[] {
    return [...this.mutes.keys()].map((id) => this.muteOf(id, now)).filter((m): m is Mute => m !== undefined);
  }

  mute(mute: Mute): void {
    this.sql.exec(
      "INSERT INTO chat_mutes (player_id, name, until, reason) VALUES (?, ?, ?, ?) ON CONFLICT (player_id) DO UPDATE SET name = excluded.name, until = excluded.until, reason = excluded.reason",
      mute.playerId, mute.name, mute.until, mute.reason,
    );
    this.mutes.set(mute.playerId, mute);
  }

  /** True when there was a mute to lift. */
  unmute(playerId: string): boolean {
    this.sql.exec("DELETE FROM chat_mutes WHERE player_id = ?", playerId);
    return this.mutes.delete(playerId);
  }

  banOf(playerId: string): Ban | undefined {
    return this.bans.get(playerId);
  }

  allBans(): Ban[] {
    return [...this.bans.values()];
  }

  ban(ban: Ban): void {
    this.sql.exec(
      "INSERT INTO chat_bans (player_id, name, banned_at, banned_by) VALUES (?, ?, ?, ?) ON CONFLICT (player_id) DO UPDATE SET name = excluded.name, banned_at = excluded.banned_at, banned_by = excluded.banned_by",
      ban.playerId, ban.name, ban.bannedAt, ban.bannedBy,
    );
    this.bans.set(ban.playerId, ban);
  }

  /** True when there was a ban to lift. */
  unban(playerId: string): boolean {
    this.sql.exec("DELETE FROM chat_bans WHERE player_id = ?", playerId);
    return this.bans.delete(playerId);
  }
}
