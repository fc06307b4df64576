import type { RoomWorld } from "./room-world.ts";
import { SeatBook, type SeatGrant } from "./seat-book.ts";

/**
 * A join's place, decided: refused (`refusal`: the close reason, 4003), or admitted, and then `keep` once the join is
 * kept: only then is a matchmade seat it came by used up, so a join rolled back after the decision (a storage write
 * failed: 1011) leaves the seat to its player's retry.
 */
export type Admission = { readonly refusal: string } | Admitted;
export type Admitted = { readonly refusal?: undefined; keep(): void };

const ADMITTED: Admitted = { keep: () => {} };

/**
 * Who may take a seat in this room: the players in its world keep theirs, a matchmade player uses the seat reserved
 * for them, anyone else needs a seat that is neither taken nor reserved. The room decides this alone, synchronously
 * within a join (no await between the check and the world taking the player), so two joins can never both take the
 * last seat.
 */
export class Seating {
  private readonly book = new SeatBook();

  constructor(private readonly world: RoomWorld) {}

  /** Seats for all of `playerIds` (a matchmake), or undefined when they do not all fit now. */
  reserve(playerIds: readonly string[], now: number): SeatGrant[] | undefined {
    return this.book.reserve(playerIds, this.world.kind.capacity, this.world.players.size, this.inWorld, now);
  }

  /** When each unused reserved seat expires (they count as taken until then). */
  reservedUntil(now: number): number[] {
    return this.book.reservedUntil(now, this.inWorld);
  }

  /**
   * Whether `playerId` may join, presenting `seat` or none. A seat they hold admits them (used up at `keep`). A seat
   * that is bad, used or expired does not refuse a join by itself: the player comes in where a free seat no one
   * reserved remains.
   */
  admit(playerId: string, seat: string | undefined, now: number): Admission {
    const problem = seat === undefined ? undefined : this.book.problemWith(seat, playerId, now);
    const held = seat !== undefined && problem === undefined ? seat : this.book.heldBy(playerId, now);
    if (held !== undefined) return { keep: () => this.book.use(held) };
    // Already in the world (a rejoin, a lingering body): their seat is theirs whatever they present.
    if (this.inWorld(playerId)) return ADMITTED;
    const { capacity } = this.world.kind;
    const reserved = this.reservedUntil(now).length;
    if (this.world.players.size + reserved < capacity) return ADMITTED;
    const full = reserved > 0 ? `room is full (${capacity} players; ${reserved} seats reserved for matchmade players)` : `room is full (${capacity} players)`;
    return { refusal: problem === undefined ? full : `seat ${problem === "used" ? "already used" : problem}; ${full}` };
  }

  private readonly inWorld = (playerId: string): boolean => this.world.players.has(playerId);
}
