import type { MuteReason } from "@edgehold/protocol";
import type { SqlExec } from "../../storage/rows-written.ts";

interface Mute {
  playerId: string;
  name: string;
  /** ms since the epoch. */
  until: number;
  reason: MuteReason;
}

interface Ban {
  playerId: string;
  name: string;
  bannedAt: number;
  bannedBy: string;
}

/**
 * One entry per player, in memory and in `table` (keyed by `player_id`; `columns` maps each field to its column):
 * read once, and written before the map changes.
 */
class PlayerRows<T extends { playerId: string }> {
  readonly byPlayer = new Map<string, T>();
  private readonly fields: (keyof T & string)[];

  constructor(
    private readonly sql: SqlExec,
    private readonly table: string,
    private readonly columns: { readonly [K in keyof T & string]: string },
  ) {
    this.fields = Object.keys(columns) as (keyof T & string)[];
    const select = this.fields.map((field) => `${columns[field]} AS ${field}`).join(", ");
    // The rows hold exactly T's fields, under these names.
    for (const row of sql.exec(`SELECT ${select} FROM ${table}`)) this.byPlayer.set(String(row.playerId), row as unknown as T);
  }

  put(entry: T): void {
    const names = this.fields.map((field) => this.columns[field]);
    const updates = names.filter((name) => name !== "player_id").map((name) => `${name} = excluded.${name}`);
    this.sql.exec(
      `INSERT INTO ${this.table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")}) ON CONFLICT (player_id) DO UPDATE SET ${updates.join(", ")}`,
      ...this.fields.map((field) => entry[field]),
    );
    this.byPlayer.set(entry.playerId, entry);
  }

  /** True when there was an entry. */
  delete(playerId: string): boolean {
    this.sql.exec(`DELETE FROM ${this.table} WHERE player_id = ?`, playerId);
    return this.byPlayer.delete(playerId);
  }
}

/**
 * Mutes and bans of one room: read once at start (a room holds few), kept in memory for the per-line checks, and
 * written to SQLite when they change — before the player concerned is told — so they survive restarts. Mutes that
 * ran out are deleted at start, so the table holds only the mutes that lasted until then, not one row per flooder
 * ever.
 */
export class ModerationStore {
  private readonly mutes: PlayerRows<Mute>;
  private readonly bans: PlayerRows<Ban>;

  constructor(sql: SqlExec, now: number) {
    sql.exec("DELETE FROM chat_mutes WHERE until <= ?", now);
    this.mutes = new PlayerRows<Mute>(sql, "chat_mutes", { playerId: "player_id", name: "name", until: "until", reason: "reason" });
    this.bans = new PlayerRows<Ban>(sql, "chat_bans", { playerId: "player_id", name: "name", bannedAt: "banned_at", bannedBy: "banned_by" });
  }

  /** The player's mute, if it still lasts at `now`. */
  muteOf(playerId: string, now: number): Mute | undefined {
    const mute = this.mutes.byPlayer.get(playerId);
    if (mute && mute.until <= now) {
      // Its row goes at the next start (or is overwritten by their next mute).
      this.mutes.byPlayer.delete(playerId);
      return undefined;
    }
    return mute;
  }

  /** Every mute still lasting (for `/unmute` of a player who left). */
  activeMutes(now: number): Mute[] {
    return [...this.mutes.byPlayer.keys()].map((id) => this.muteOf(id, now)).filter((m): m is Mute => m !== undefined);
  }

  mute(mute: Mute): void {
    this.mutes.put(mute);
  }

  /** True when there was a mute to lift. */
  unmute(playerId: string): boolean {
    return this.mutes.delete(playerId);
  }

  banOf(playerId: string): Ban | undefined {
    return this.bans.byPlayer.get(playerId);
  }

  allBans(): Ban[] {
    return [...this.bans.byPlayer.values()];
  }

  ban(ban: Ban): void {
    this.bans.put(ban);
  }

  /** True when there was a ban to lift. */
  unban(playerId: string): boolean {
    return this.bans.delete(playerId);
  }
}
