import { withTimeout } from "../lib/with-timeout.ts";
import { isValidPlayerId, randomRoomCode } from "@edgehold/protocol";
import { roomKindNamed } from "../room/kinds/room-kinds.ts";
import type { RoomKind } from "../room/kinds/room-kind.ts";
import { freeSeats, type DirectoryEntries } from "./directory-entries.ts";
import type { Region } from "./regions.ts";
import type { MatchmakeAnswer, MatchmakeProblem, MatchmakeRequest, MatchmakeResult, SeatAnswer, SeatRequest } from "./seat-request.ts";

/**
 * Rounds a request may be placed in before it fails: each round after the first follows a room's refusal (a join
 * without a seat took the last one meanwhile), and the refusal's report corrects the picture, so a second round
 * almost always lands; five covers a burst of such races.
 */
const MAX_ROUNDS = 5;

/**
 * How long a round waits for one room's answer. Rounds do not overlap, so a room that hangs would stall every
 * matchmake of the deployment: past this, the request goes to the next round without it. Seats it may still reserve
 * late just expire unused (30 s). A healthy room answers in milliseconds; a new one (schema, sim) in well under 1 s.
 */
const ANSWER_TIMEOUT_MS = 5_000;

/** Why a matchmake of `playerCount` players cannot be served at all; the HTTP route checks the same before it asks. */
export function matchmakeProblem(kindName: string, playerCount: number): Exclude<MatchmakeProblem, "invalid_players"> | undefined {
  const kind = roomKindNamed(kindName);
  if (!kind) return "unknown_kind";
  if (!kind.listed) return "kind_not_public";
  if (playerCount > kind.capacity) return "party_too_large";
  return undefined;
}

/** The room of a code, reached with a location hint for a new room in a region. */
export type ReserveSeats = (request: SeatRequest) => Promise<SeatAnswer>;

interface Waiting {
  readonly kind: RoomKind;
  readonly region: Region | undefined;
  readonly playerIds: readonly string[];
  rounds: number;
  resolve(result: MatchmakeResult): void;
  reject(error: Error): void;
}

/** A room as one round of placement sees it: its free seats, less those this round already gave out. */
interface Slot {
  readonly code: string;
  readonly kind: string;
  readonly region: Region | undefined;
  free: number;
  taken: number;
}

/**
 * Puts players into public rooms: the fullest room of the kind with enough free seats (rooms of the caller's region
 * first), else a new room. Where the truth lives: each room is the authority on its own seats (it admits or refuses
 * every join itself, and reserves seats only if they fit: `SeatBook`); the directory only chooses, from the rooms'
 * reports. Choosing from reports alone would race (two requests both seeing the last seat), so the directory places
 * requests in rounds: every request waiting is placed at once, synchronously, against one picture (each placement
 * taking its seats from it), then each asks its room, in parallel; the next round starts only when every answer is
 * back, and every answer carries the room's report after it. So no two rounds overlap, each round starts from a
 * picture that includes every seat given before it, and a room that filled meanwhile (a join without a seat) refuses,
 * which only sends the request to the next round. 100 players at once fill ⌈100/24⌉ arenas, not more.
 */
export class Matchmaker {
  private waiting: Waiting[] = [];
  private placing = false;

  constructor(
    private readonly entries: DirectoryEntries,
    private readonly reserve: ReserveSeats,
    private readonly now: () => number,
    private readonly log: (where: string, error: unknown) => void,
  ) {}

  /**
   * Seats for every one of `playerIds` in one room of `kind`; the problem, when the request cannot be served at all
   * (answered, not thrown: it is the caller's to report). Rejects only when no room took the request in a few rounds.
   */
  async matchmake({ kind: kindName, region, playerIds }: MatchmakeRequest): Promise<MatchmakeAnswer> {
    const players = [...new Set(playerIds)];
    const problem = players.length === 0 || !players.every(isValidPlayerId) ? "invalid_players" : matchmakeProblem(kindName, players.length);
    if (problem) return { ok: false, problem };
    const result = await new Promise<MatchmakeResult>((resolve, reject) => {
      this.waiting.push({ kind: roomKindNamed(kindName)!, region, playerIds: players, rounds: 0, resolve, reject });
      if (!this.placing) void this.placeAll();
    });
    return { ok: true, result };
  }

  private async placeAll(): Promise<void> {
    this.placing = true;
    try {
      while (this.waiting.length > 0) await this.round(this.waiting.splice(0));
    } finally {
      this.placing = false;
    }
  }

  private async round(requests: Waiting[]): Promise<void> {
    const slots = this.slots();
    const placed = requests.map((request) => ({ request, slot: this.place(request, slots) }));
    await Promise.all(placed.map(({ request, slot }) => this.ask(request, slot)));
  }

  /** The public rooms as the reports say, now (expired reservations no longer count). */
  private slots(): Slot[] {
    const now = this.now();
    return this.entries.listed(now).map((entry) => {
      const free = freeSeats(entry, now);
      return { code: entry.code, kind: entry.kind, region: entry.region, free, taken: entry.capacity - free };
    });
  }

  /** The fullest room of the kind with room for the request (its region's first), else a new one; takes the seats. */
  private place(request: Waiting, slots: Slot[]): Slot {
    const needed = request.playerIds.length;
    const fits = slots.filter((slot) => slot.kind === request.kind.name && slot.free >= needed);
    const local = (slot: Slot) => (request.region !== undefined && slot.region === request.region ? 1 : 0);
    fits.sort((a, b) => local(b) - local(a) || b.taken - a.taken || a.code.localeCompare(b.code));
    let slot = fits[0];
    if (!slot) {
      slot = { code: randomRoomCode(), kind: request.kind.name, region: request.region, free: request.kind.capacity, taken: 0 };
      slots.push(slot);
    }
    slot.free -= needed;
    slot.taken += needed;
    return slot;
  }

  private async ask(request: Waiting, slot: Slot): Promise<void> {
    let answer: SeatAnswer;
    try {
      answer = await withTimeout(this.reserve({ code: slot.code, kind: request.kind.name, region: slot.region, playerIds: request.playerIds }), ANSWER_TIMEOUT_MS);
    } catch (error) {
      // A room that cannot answer is left out of the next round's picture until it reports again.
      this.log(`reserve seats in ${slot.code}`, error);
      this.entries.remove(slot.code);
      this.retry(request, error instanceof Error ? error.message : String(error));
      return;
    }
    if (answer.report) this.entries.apply(answer.report, this.now());
    if (!answer.ok) {
      if (answer.reason === "not_matchable") this.entries.remove(slot.code);
      this.retry(request, `room ${slot.code} refused: ${answer.reason}`);
      return;
    }
    const { code, kind, players, capacity } = answer.report;
    request.resolve({ code, kind, players, capacity, seats: [...answer.seats] });
  }

  private retry(request: Waiting, why: string): void {
    if (++request.rounds >= MAX_ROUNDS) request.reject(new Error(`matchmake failed after ${MAX_ROUNDS} rounds: ${why}`));
    else this.waiting.push(request);
  }
}
