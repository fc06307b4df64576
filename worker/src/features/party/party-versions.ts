/** How many ended parties a room remembers the last version of (a late notice of one must not bring it back). */
const ENDED_KEPT = 256;

/**
 * The newest version the room has applied of each party. A party counts one up at every change of its members and
 * stamps what it tells rooms with it (parties/party-notices.ts); its notices of two quick changes are two calls that
 * may arrive in either order, so one older than what the room holds is stale and changes nothing. An answer of the
 * same version applies (it is the same membership, and it places a member who just arrived).
 *
 * In memory only, like the roster it guards: a room that restarts holds nothing, so it takes whatever comes first.
 */
export class PartyVersions {
  private readonly held = new Map<string, number>();
  /** Ended parties, oldest first (a Map keeps insertion order): the last `ENDED_KEPT` of them. */
  private readonly ended = new Map<string, number>();

  /** Whether `version` of `partyId` is older than what the room has applied of it. */
  isStale(partyId: string, version: number): boolean {
    const known = this.held.get(partyId) ?? this.ended.get(partyId);
    return known !== undefined && version < known;
  }

  /** The room applied `version` of `partyId`; `ended`: that version is the party's end (no members). */
  applied(partyId: string, version: number, ended: boolean): void {
    if (!ended) {
      this.held.set(partyId, version);
      return;
    }
    this.held.delete(partyId);
    this.ended.delete(partyId);
    this.ended.set(partyId, version);
    if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.keys().next().value!);
  }

  /** The room holds nothing of `partyId` any more (its last member present left): the next word of it is taken as is. */
  forget(partyId: string): void {
    this.held.delete(partyId);
  }
}
