import { randomToken } from "../storage/resume-tokens.ts";

/**
 * How long a matchmade seat stays reserved (ARCHITECTURE.md "Play together"): long enough for a page to load the
 * game and open its socket on a slow phone, short enough that a player who wandered off does not keep a seat from
 * everyone else for long.
 */
export const SEAT_TTL_MS = 30_000;

/**
 * How long a seat is remembered after it expired or was used, so a late or second use is told "expired" or "already
 * used" rather than "unknown". Bounded: a room reserves at most its capacity at a time.
 */
const SEAT_RECALL_MS = 5 * 60_000;

/** 128 random bits: a seat is a bearer secret for 30 s, bound to one player and one room. */
const SEAT_BYTES = 16;

export interface SeatGrant {
  playerId: string;
  seat: string;
  /** Epoch ms, the room's clock. */
  seatExpiresAt: number;
}

/** Why a presented seat does not admit its bearer (the close reason names it). */
export type SeatProblem = "unknown" | "used" | "expired" | "for another player";

interface Reservation {
  playerId: string;
  expiresAt: number;
  used: boolean;
}

/**
 * The seats a room has promised to matchmade players and not yet seen used. The room keeps them itself, in memory:
 * the room is the one authority on its own capacity (a join is admitted or refused right here, with no call out), so
 * the seats it promised must be counted right here too. They live 30 s; a room that restarts within them forgets
 * them, and their players then join as anyone does, while a free seat remains: cheaper than writing two SQLite rows
 * for every matchmade join.
 */
export class SeatBook {
  private readonly seats = new Map<string, Reservation>();
  /** Each player's newest unused seat (a second matchmake into the same room replaces the first, not adds one). */
  private readonly byPlayer = new Map<string, string>();

  /**
   * Reserves a seat for each of `playerIds` (all or none), if they fit beside the players in the world (`inWorld`
   * of them, `occupied` in all) and the seats already reserved; undefined when they do not.
   */
  reserve(playerIds: readonly string[], capacity: number, occupied: number, inWorld: (playerId: string) => boolean, now: number, ttlMs = SEAT_TTL_MS): SeatGrant[] | undefined {
    this.forget(now);
    const newcomers = new Set(playerIds.filter((id) => !inWorld(id) && this.heldBy(id, now) === undefined));
    if (occupied + this.reservedUntil(now, inWorld).length + newcomers.size > capacity) return undefined;
    return [...new Set(playerIds)].map((playerId) => {
      const previous = this.byPlayer.get(playerId);
      if (previous) this.seats.delete(previous);
      const seat = randomToken(SEAT_BYTES);
      const expiresAt = now + ttlMs;
      this.seats.set(seat, { playerId, expiresAt, used: false });
      this.byPlayer.set(playerId, seat);
      return { playerId, seat, seatExpiresAt: expiresAt };
    });
  }

  /**
   * Why `seat` does not admit `playerId` now; undefined when it does. Checking uses nothing up: the join `use`s the
   * seat once it is kept, so a join rolled back (1011) leaves the seat for its player's retry within its 30 s.
   */
  problemWith(seat: string, playerId: string, now: number): SeatProblem | undefined {
    const reservation = this.seats.get(seat);
    if (!reservation) return "unknown";
    if (reservation.playerId !== playerId) return "for another player";
    if (reservation.used) return "used";
    if (reservation.expiresAt <= now) return "expired";
    return undefined;
  }

  /**
   * The unused, unexpired seat `playerId` holds here, if any: a player who comes without it (a reload, an old link)
   * is admitted by it all the same, since it is theirs by identity, which the worker verified.
   */
  heldBy(playerId: string, now: number): string | undefined {
    const seat = this.byPlayer.get(playerId);
    const reservation = seat === undefined ? undefined : this.seats.get(seat);
    return reservation && reservation.expiresAt > now ? seat : undefined;
  }

  /** `seat` admitted its player and their join was kept: it is used up. */
  use(seat: string): void {
    const reservation = this.seats.get(seat);
    if (!reservation) return;
    reservation.used = true;
    if (this.byPlayer.get(reservation.playerId) === seat) this.byPlayer.delete(reservation.playerId);
  }

  /** When each seat reserved for a player not in the world expires, for seats still unused at `now`. */
  reservedUntil(now: number, inWorld: (playerId: string) => boolean): number[] {
    const until: number[] = [];
    for (const [playerId, seat] of this.byPlayer) {
      const reservation = this.seats.get(seat);
      if (reservation && reservation.expiresAt > now && !inWorld(playerId)) until.push(reservation.expiresAt);
    }
    return until;
  }

  /** Seats expired long enough ago that nobody will present them again go; players' expired seats stop counting. */
  private forget(now: number): void {
    for (const [seat, reservation] of this.seats) {
      if (reservation.expiresAt > now) continue;
      if (this.byPlayer.get(reservation.playerId) === seat) this.byPlayer.delete(reservation.playerId);
      if (reservation.expiresAt + SEAT_RECALL_MS <= now) this.seats.delete(seat);
    }
  }
}
