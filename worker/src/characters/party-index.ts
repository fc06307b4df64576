/**
 * Which party one player is in, and which parties invited them: the player's side of the parties, kept in their
 * AccountDurableObject (one per player) so that "one party per player" is decided in one place that sees every
 * request about that player one at a time. Two joins (or a create and a join) racing for one player reach this
 * object in some order: the first `claim` wins, the second sees the party it lost to. The party's own object keeps
 * who its members are; this index is what lets a player find their party (`GET /api/parties/me`) and a room find a
 * joining player's party. Rows: one for the membership, one per pending invite, one for a member's room;
 * written when they change only.
 */
export class PartyIndex {
  constructor(private readonly sql: SqlStorage) {}

  /** The party this player is in, or null. */
  partyOf(): string | null {
    return this.sql.exec<{ party_id: string }>("SELECT party_id FROM party_membership WHERE slot = 0").toArray()[0]?.party_id ?? null;
  }

  /**
   * Makes `partyId` this player's party unless they are in another: then returns that one (already_in_party). A
   * success names the room the player is in now, so the party can reach them there at once: `roomNow`, the room the
   * caller checked they are connected to (the page names it), recorded here as their party's room; else the room a
   * join recorded while they were in a party (null: none known).
   */
  claim(partyId: string, now: number, roomNow?: string): { ok: true; roomCode: string | null } | { ok: false; partyId: string } {
    const current = this.partyOf();
    if (current !== null && current !== partyId) return { ok: false, partyId: current };
    if (current === null) this.sql.exec("INSERT INTO party_membership (slot, party_id, since) VALUES (0, ?, ?)", partyId, now);
    if (roomNow) this.recordRoom(roomNow);
    return { ok: true, roomCode: this.roomNow() };
  }

  /**
   * The player joined room `roomCode` (its party feature says so at every join); returns their party. A member's
   * room is remembered (one row written), so a change of their party reaches them there. A player in no party costs
   * no write: most players are in none, and a join's rows are what a room pays for. Forming a party in a room is
   * covered by the room the create or join names (`claim`).
   */
  enteredRoom(roomCode: string): string | null {
    const partyId = this.partyOf();
    if (partyId !== null) this.recordRoom(roomCode);
    return partyId;
  }

  /** The player left `roomCode` (unless a later join already moved them elsewhere). */
  leftRoom(roomCode: string): void {
    this.sql.exec("DELETE FROM account_meta WHERE key = 'party_room' AND value = ?", roomCode);
  }

  private recordRoom(roomCode: string): void {
    this.sql.exec("INSERT INTO account_meta (key, value) VALUES ('party_room', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", roomCode);
  }

  private roomNow(): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM account_meta WHERE key = 'party_room'").toArray()[0]?.value ?? null;
  }

  /** Forgets `partyId` as this player's party (left, kicked, a join refused after the claim); another party stays. */
  release(partyId: string): void {
    this.sql.exec("DELETE FROM party_membership WHERE slot = 0 AND party_id = ?", partyId);
  }

  addInvite(partyId: string, now: number): void {
    this.sql.exec("INSERT INTO party_invites (party_id, invited_at) VALUES (?, ?) ON CONFLICT(party_id) DO NOTHING", partyId, now);
  }

  dropInvite(partyId: string): void {
    this.sql.exec("DELETE FROM party_invites WHERE party_id = ?", partyId);
  }

  /** The parties that invited this player, oldest invite first (each checked with its party by the caller). */
  invites(): string[] {
    return this.sql.exec<{ party_id: string }>("SELECT party_id FROM party_invites ORDER BY invited_at, party_id").toArray().map((r) => r.party_id);
  }
}
