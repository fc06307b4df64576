import type { SeatGrant } from "../room/seat-book.ts";
import type { Region } from "./regions.ts";
import type { RoomReport } from "./room-report.ts";

/**
 * The directory asks a room to reserve seats (`RoomDurableObject.reserveSeats`). A code that is no room yet becomes
 * a matchmade room of `kind` (public, no owner, opened in `region`).
 */
export interface SeatRequest {
  readonly code: string;
  readonly kind: string;
  readonly region?: Region;
  /** One seat each, all in this room or none. */
  readonly playerIds: readonly string[];
}

/**
 * The room's answer, with its report after it (so the directory's picture of the room includes these seats). A
 * refusal: `full` (the seats do not fit now), `not_matchable` (the code is a private room or another kind's).
 */
export type SeatAnswer =
  | { readonly ok: true; readonly seats: readonly SeatGrant[]; readonly report: RoomReport }
  | { readonly ok: false; readonly reason: "full" | "not_matchable"; readonly report?: RoomReport };

/** What `matchmake` hands back: the room, and a seat for each player asked for (in the order asked). */
export interface MatchmakeResult {
  code: string;
  kind: string;
  /** Players connected to the room when the seats were reserved. */
  players: number;
  capacity: number;
  seats: SeatGrant[];
}

/**
 * Why a matchmake cannot be served at all: the request's fault, never the rooms' (`POST /api/matchmake` answers it
 * 4xx with this code; only a request the rooms could not place is a 503).
 */
export type MatchmakeProblem = "invalid_players" | "unknown_kind" | "kind_not_public" | "party_too_large";

/** The directory's answer to a matchmake: the seats, or the problem with the request. */
export type MatchmakeAnswer = { readonly ok: true; readonly result: MatchmakeResult } | { readonly ok: false; readonly problem: MatchmakeProblem };

export interface MatchmakeRequest {
  kind: string;
  region?: Region;
  playerIds: string[];
}
