import type { Region } from "./regions.ts";

/**
 * The operators' figures of a room (ops/room-figures.ts): every room attaches its latest to each report, so the
 * admin API and `/api/admin/metrics` read every live room from the directory in one call, without asking each room.
 */
export type { RoomFigures } from "../ops/room-figures.ts";
import type { RoomFigures } from "../ops/room-figures.ts";

/**
 * Orders one room's reports. Reports are sent without waiting (a join must not wait for the directory) and may
 * arrive out of order, so the directory keeps the newest by this, not the last to arrive. `boot` is when the room's
 * object started (a restart starts a later series), `seq` counts its changes since.
 */
export interface ReportVersion {
  readonly boot: number;
  readonly seq: number;
}

export function isNewer(a: ReportVersion, than: ReportVersion): boolean {
  return a.boot > than.boot || (a.boot === than.boot && a.seq > than.seq);
}

/**
 * What a room tells the directory about itself: on a join or leave, when its loop starts or stops, on a
 * heartbeat while it runs, and in its answer to a seat reservation. It is a picture of the room at `version`, whole:
 * the directory replaces what it knew, never adds to it.
 */
export interface RoomReport {
  readonly code: string;
  readonly kind: string;
  readonly capacity: number;
  /**
   * Listed publicly (`GET /api/rooms`) and open to matchmaking. Private rooms report too, unlisted: the operators'
   * figures cover every room.
   */
  readonly listed: boolean;
  /** The `locationHint` it was opened with (matchmade rooms of a region); absent otherwise. */
  readonly region?: Region;
  /** Players connected (what the lobby shows). */
  readonly players: number;
  /** Seats held: players in the world (those connected and bodies lingering after a fight). */
  readonly occupied: number;
  /** When each seat reserved and not yet used expires (epoch ms): they count as taken until then. */
  readonly reservedUntil: readonly number[];
  /**
   * The room's loop runs, so it sends a heartbeat every few seconds: a running room the directory stops hearing
   * from died without saying goodbye. A stopped room sends nothing until something happens to it.
   */
  readonly running: boolean;
  readonly version: ReportVersion;
  /** The room's operators' figures at `version` (see RoomFigures). */
  readonly figures?: RoomFigures;
}

/** A room as `GET /api/rooms` lists it. */
export interface PublicRoom {
  code: string;
  kind: string;
  players: number;
  capacity: number;
  region?: Region;
}

/** One live entry of the directory, as `entries()` returns it: the room's newest report and when it came. */
export interface DirectoryEntry extends RoomReport {
  /** When the directory last heard from the room (epoch ms, the directory's clock). */
  readonly heardAt: number;
  /** Since when the room has had no player connected (epoch ms), or undefined while someone is. */
  readonly emptySince: number | undefined;
}
