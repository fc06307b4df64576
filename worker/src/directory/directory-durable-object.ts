import { DurableObject } from "cloudflare:workers";
import { aggregateFigures, type FleetFigures } from "../ops/fleet-figures.ts";
import { RetiredRuns } from "../ops/retired-runs.ts";
import { roomRow, type RoomRow } from "../ops/room-row.ts";
import { DirectoryEntries } from "./directory-entries.ts";
import { DIRECTORY_TIMINGS, type DirectoryTimings } from "./directory-timing.ts";
import { Matchmaker } from "./matchmaker.ts";
import type { DirectoryEntry, PublicRoom, RoomFigures, RoomReport } from "./room-report.ts";
import type { MatchmakeAnswer, MatchmakeRequest, SeatRequest } from "./seat-request.ts";

/** The one directory's name: every worker and room reaches the same object (`directoryStub`). */
export const DIRECTORY_NAME = "directory";

export function directoryStub(env: Env): DurableObjectStub<DirectoryDurableObject> {
  return env.DIRECTORY.get(env.DIRECTORY.idFromName(DIRECTORY_NAME));
}

/**
 * The room directory and matchmaker (ARCHITECTURE.md "Play together", "Operations"): one object for the deployment.
 * It holds no game state and nothing it cannot rebuild but the operators' counters of rooms that are gone: rooms
 * report to it (public ones listed, private ones for the operators' figures only) (joins and leaves at once, a
 * heartbeat every few seconds while they run), it lists them, and it chooses rooms for players and asks those rooms
 * to reserve their seats. Why one object: choosing the fullest room with a free seat needs every candidate in one
 * place, and a report or a choice is microseconds of work, so one object serves thousands of rooms (heartbeats of
 * 1,000 rooms are 200 small requests a second). Why the seats are the rooms' and not the directory's: a room admits
 * or refuses each join by itself, with no call out, so it must know its own seats; the directory's picture is a
 * copy, and its choices are only proposals the room accepts or refuses (matchmaker.ts).
 */
export class DirectoryDurableObject extends DurableObject<Env> {
  private readonly known: DirectoryEntries;
  private readonly matchmaker: Matchmaker;
  /** The operators' counters of rooms that left (the only thing the directory stores); see `retired`. */
  private retiredRuns: RetiredRuns | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.known = new DirectoryEntries(this.timings(), (entry) => {
      if (entry.figures) this.retired.retire(entry.figures);
    });
    const reserve = (request: SeatRequest) => {
      const rooms = this.env.ROOMS;
      return rooms.get(rooms.idFromName(request.code), request.region ? { locationHint: request.region } : {}).reserveSeats(request);
    };
    this.matchmaker = new Matchmaker(this.known, reserve, () => this.now(), (where, error) => console.error(`[DirectoryDurableObject] ${where}:`, error));
  }

  /**
   * Made on first use, not in the constructor: taking up a stored checkpoint reads the clock, and a subclass's clock
   * (a test directory's) is not set up until the constructor has returned.
   */
  private get retired(): RetiredRuns {
    return (this.retiredRuns ??= new RetiredRuns(this.ctx.storage.sql, () => this.now()));
  }

  /** The directory's time (epoch ms); a test directory moves its own. */
  protected now(): number {
    return Date.now();
  }

  /** When entries expire; a test directory may shorten them. */
  protected timings(): DirectoryTimings {
    return DIRECTORY_TIMINGS;
  }

  /** A public room's report (room-report.ts); an older one than known is ignored. */
  async report(report: RoomReport): Promise<void> {
    this.known.apply(report, this.now());
    if (report.figures) this.retired.revive(report.figures);
    this.retired.checkpoint(() => this.liveFigures());
  }

  /** `GET /api/rooms?kind=`: public rooms (of `kind`, or all), fullest first, with their player counts. */
  async rooms(kind?: string): Promise<PublicRoom[]> {
    return this.known.list(this.now(), kind);
  }

  /** Every live entry, with each room's `figures` as it reported them (the operators' metrics read these). */
  async entries(): Promise<DirectoryEntry[]> {
    return this.known.live(this.now());
  }

  /**
   * Seats in one room of `kind` for every one of `playerIds` (one player for `POST /api/matchmake`, a whole party
   * for a leader's matchmake): the fullest public room of the kind with that many free seats, `region`'s first, else
   * a new room. Answers the problem for an unknown or private kind, a group larger than the kind's capacity, no or
   * invalid player ids; rejects when no room could be found in a few rounds.
   */
  async matchmake(request: MatchmakeRequest): Promise<MatchmakeAnswer> {
    return this.matchmaker.matchmake(request);
  }

  /** `GET /api/admin/rooms`: every live room (listed or not), its operators' row, busiest first. */
  async roomRows(): Promise<RoomRow[]> {
    const rows: RoomRow[] = [];
    for (const entry of this.known.live(this.now())) if (entry.figures) rows.push(roomRow(entry.figures));
    return rows.sort((a, b) => b.players - a.players || a.code.localeCompare(b.code));
  }

  /** `/api/admin/metrics`: the live rooms' latest figures plus every retired run's counters (which only grow). */
  async fleet(): Promise<FleetFigures> {
    return aggregateFigures(this.liveFigures(), this.retired.totals());
  }

  private liveFigures(): RoomFigures[] {
    return this.known.live(this.now()).flatMap((entry) => (entry.figures ? [entry.figures] : []));
  }

  /** Readiness: the directory answers (and how many rooms it knows). Costs nothing. */
  async ping(): Promise<{ ok: true; rooms: number }> {
    return { ok: true, rooms: this.known.live(this.now()).length };
  }
}
