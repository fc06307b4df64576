import { DurableObject } from "cloudflare:workers";
import { migrate } from "../storage/migrations.ts";
import { ACCOUNT_MIGRATIONS } from "./account-schema.ts";
import { PartyIndex } from "./party-index.ts";
import { RoomCap } from "./room-cap.ts";
import { RoomPresenceStore, type RoomEntry } from "./room-presence.ts";
import {
  MAX_CHARACTERS_PER_ACCOUNT,
  type Appearance,
  type Character,
  type CharacterClass,
  type NewCharacter,
} from "./character-rules.ts";

/** Outcomes the REST layer maps to status codes. */
export type CharacterResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: "not_found" | "name_taken" | "limit_reached"; message: string; field?: string };

type CharacterRow = { id: string; name: string; class: string; color: string; cosmetics: string; created_at: number };

/**
 * One instance per account (keyed by user id): that account's characters and which one is active. Being keyed by
 * the verified user id is the ownership check — another account's characters are simply not in here.
 */
export class AccountDurableObject extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly presence: RoomPresenceStore;
  private readonly roomCap: RoomCap;
  private readonly parties: PartyIndex;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrate(ctx.storage, [{ owner: "account", migrations: ACCOUNT_MIGRATIONS }]);
    this.sql = ctx.storage.sql;
    this.presence = new RoomPresenceStore(this.sql);
    this.parties = new PartyIndex(this.sql);
    this.roomCap = new RoomCap(this.presence, ({ roomCode, connectionId }) =>
      env.ROOMS.get(env.ROOMS.idFromName(roomCode)).hasConnection(connectionId),
    );
  }

  /** A room admitted this user: returns the rooms (oldest first) they must leave to stay within `cap`. */
  async enterRoom(roomCode: string, connectionId: string, now: number, cap: number): Promise<RoomEntry[]> {
    return this.roomCap.enter(roomCode, connectionId, now, cap);
  }

  /** The user's connection left `roomCode`. */
  async leaveRoom(roomCode: string, connectionId: string): Promise<void> {
    this.presence.leave(roomCode, connectionId);
  }

  /** The rooms this user is in, oldest first (for tests and support). */
  async currentRooms(): Promise<string[]> {
    return this.presence.rooms();
  }

  // -- the player's party (characters/party-index.ts; the party's own object is parties/party-durable-object.ts) ----

  async partyOf(): Promise<string | null> {
    return this.parties.partyOf();
  }

  /** `roomNow`: the room the player is connected to now, checked with that room by the caller. */
  async claimParty(partyId: string, roomNow?: string): Promise<{ ok: true; roomCode: string | null } | { ok: false; partyId: string }> {
    return this.parties.claim(partyId, Date.now(), roomNow);
  }

  /** A room's party feature: this player joined `roomCode`; their party (null: none). */
  async enteredRoomForParty(roomCode: string): Promise<string | null> {
    return this.parties.enteredRoom(roomCode);
  }

  async leftRoomForParty(roomCode: string): Promise<void> {
    this.parties.leftRoom(roomCode);
  }

  async releaseParty(partyId: string): Promise<void> {
    this.parties.release(partyId);
  }

  async addPartyInvite(partyId: string): Promise<void> {
    this.parties.addInvite(partyId, Date.now());
  }

  async dropPartyInvite(partyId: string): Promise<void> {
    this.parties.dropInvite(partyId);
  }

  async partyInvites(): Promise<string[]> {
    return this.parties.invites();
  }

  async listCharacters(): Promise<{ characters: Character[]; activeCharacterId: string | null }> {
    const rows = this.sql.exec<CharacterRow>("SELECT * FROM characters ORDER BY created_at, id").toArray();
    return { characters: rows.map(toCharacter), activeCharacterId: this.activeId() };
  }

  async getCharacter(id: string): Promise<CharacterResult<Character>> {
    const character = this.find(id);
    return character ? { ok: true, value: character } : notFound(id);
  }

  async createCharacter(input: NewCharacter): Promise<CharacterResult<Character>> {
    const count = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM characters").one().n;
    if (count >= MAX_CHARACTERS_PER_ACCOUNT) {
      return { ok: false, error: "limit_reached", message: `an account can have at most ${MAX_CHARACTERS_PER_ACCOUNT} characters` };
    }
    if (this.sql.exec("SELECT 1 FROM characters WHERE name = ? COLLATE NOCASE", input.name).toArray().length > 0) {
      return { ok: false, error: "name_taken", message: `you already have a character named ${input.name}`, field: "name" };
    }
    const id = `ch_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const now = Date.now();
    this.sql.exec(
      "INSERT INTO characters (id, name, class, color, cosmetics, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      id, input.name, input.characterClass, input.appearance.color, JSON.stringify(input.appearance.cosmetics), now,
    );
    // The first character is selected automatically: a new player should not have to find a "select" button.
    if (this.activeId() === null) this.setActive(id);
    return { ok: true, value: this.find(id)! };
  }

  async updateAppearance(id: string, appearance: Appearance): Promise<CharacterResult<Character>> {
    if (!this.find(id)) return notFound(id);
    this.sql.exec("UPDATE characters SET color = ?, cosmetics = ? WHERE id = ?", appearance.color, JSON.stringify(appearance.cosmetics), id);
    return { ok: true, value: this.find(id)! };
  }

  async deleteCharacter(id: string): Promise<CharacterResult<{ deleted: string; activeCharacterId: string | null }>> {
    if (!this.find(id)) return notFound(id);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM characters WHERE id = ?", id);
      if (this.activeId() === id) {
        const next = this.sql.exec<{ id: string }>("SELECT id FROM characters ORDER BY created_at, id LIMIT 1").toArray()[0];
        this.setActive(next?.id ?? null);
      }
    });
    return { ok: true, value: { deleted: id, activeCharacterId: this.activeId() } };
  }

  async selectCharacter(id: string): Promise<CharacterResult<Character>> {
    const character = this.find(id);
    if (!character) return notFound(id);
    this.setActive(id);
    return { ok: true, value: character };
  }

  /** The character a room shows for this account; null when the account has none. One call per room join. */
  async activeCharacter(): Promise<Character | null> {
    const id = this.activeId();
    return id ? (this.find(id) ?? null) : null;
  }

  private find(id: string): Character | undefined {
    const row = this.sql.exec<CharacterRow>("SELECT * FROM characters WHERE id = ?", id).toArray()[0];
    return row && toCharacter(row);
  }

  private activeId(): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM account_meta WHERE key = 'active_character_id'").toArray()[0];
    return row?.value ?? null;
  }

  private setActive(id: string | null): void {
    if (id === null) this.sql.exec("DELETE FROM account_meta WHERE key = 'active_character_id'");
    else this.sql.exec("INSERT INTO account_meta (key, value) VALUES ('active_character_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", id);
  }
}

function toCharacter(row: CharacterRow): Character {
  return {
    id: row.id,
    name: row.name,
    characterClass: row.class as CharacterClass,
    appearance: { color: row.color, cosmetics: JSON.parse(row.cosmetics) as Appearance["cosmetics"] },
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function notFound(id: string): { ok: false; error: "not_found"; message: string } {
  return { ok: false, error: "not_found", message: `no character ${id} on this account` };
}
