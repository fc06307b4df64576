import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode } from "@edgehold/protocol";
import type { SeatGrant } from "../src/room/seat-book.ts";
import { SEAT_TTL_MS } from "../src/room/seat-book.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, TestClient } from "./support/test-client.ts";

const ARENA_CAPACITY = 24;
const players = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** A matchmade arena on a clock the test moves: seats are reserved by the room's own RPC, as the directory does. */
class SeatedArena extends ClockedRoom {
  constructor() {
    super("arena");
  }

  async reserve(playerIds: readonly string[]): Promise<SeatGrant[] | undefined> {
    const answer = await this.stub().reserveSeats({ code: this.code, kind: "arena", playerIds });
    return answer.ok ? [...answer.seats] : undefined;
  }

  /** Joins with `seat` (or none): the welcomed client, or the close code and reason of a refused join. */
  async join(playerId: string, seat?: string): Promise<TestClient | { code: number; reason: string }> {
    return connect(this.code, { playerId, ...(seat ? { seat } : {}) }).then(
      ({ client }) => client,
      (error: Error) => {
        const closed = /socket closed \((\d+) (.*)\) while waiting/.exec(error.message);
        if (!closed) throw error;
        return { code: Number(closed[1]), reason: closed[2]! };
      },
    );
  }
}

const seatOf = (grants: readonly SeatGrant[] | undefined, playerId: string) => grants!.find((g) => g.playerId === playerId)!.seat;

describe("matchmade seats (the room keeps and checks them)", () => {
  it("reserves all of a group or none, and a reserved seat counts as taken: a join without one is refused 4003", async () => {
    const room = new SeatedArena();
    const most = await room.reserve(players("p", ARENA_CAPACITY - 2));
    expect(most).toHaveLength(ARENA_CAPACITY - 2);
    expect(await room.reserve(["x", "y", "z"])).toBeUndefined();
    const pair = await room.reserve(["x", "y"]);
    expect(pair?.map((g) => g.playerId)).toEqual(["x", "y"]);
    // Every seat is reserved, none used: a player with no seat is refused, naming the reservations.
    expect(await room.join("walk-in")).toEqual({ code: CloseCode.roomFull, reason: `room is full (24 players; 24 seats reserved for matchmade players)` });
    const x = await room.join("x", seatOf(pair, "x"));
    expect(x).toBeInstanceOf(TestClient);
    (x as TestClient).close();
  });

  it("a seat is single-use and its player's: used again, or by someone else, it is refused 4003 naming the seat when no free seat remains", async () => {
    const room = new SeatedArena();
    const grants = await room.reserve(players("q", ARENA_CAPACITY));
    const first = (await room.join("q-0", seatOf(grants, "q-0"))) as TestClient;
    expect(await room.join("thief", seatOf(grants, "q-1"))).toEqual({ code: CloseCode.roomFull, reason: expect.stringMatching(/^seat for another player; room is full/) });
    expect(await room.join("thief", "not-a-seat")).toEqual({ code: CloseCode.roomFull, reason: expect.stringMatching(/^seat unknown; room is full/) });
    first.close();
    await first.closed();
    // q-0 left, so one seat is free again: someone else takes it, then q-0's used seat no longer gets them in.
    expect(await room.reserve(["r"])).toHaveLength(1);
    expect(await room.join("q-0", seatOf(grants, "q-0"))).toEqual({ code: CloseCode.roomFull, reason: expect.stringMatching(/^seat already used; room is full \(24 players; 24 seats reserved/) });
    // A player who holds a seat here gets in with it even without presenting it (a reload that lost ?seat=).
    const q1 = (await room.join("q-1")) as TestClient;
    expect(q1).toBeInstanceOf(TestClient);
    q1.close();
  });

  it("a seat lasts 30 s of the room's time: then it frees its place, and its bearer joins only where a free seat remains", async () => {
    const room = new SeatedArena();
    const grants = await room.reserve(players("s", ARENA_CAPACITY));
    const start = await room.now();
    expect(grants!.every((g) => g.seatExpiresAt === start + SEAT_TTL_MS)).toBe(true);
    await room.advance(SEAT_TTL_MS - 1);
    expect(await room.join("walk-in")).toMatchObject({ code: CloseCode.roomFull });
    await room.advance(1);
    // Expired: the 24 places are free again. Its bearer gets in without it while there is room…
    const s0 = (await room.join("s-0", seatOf(grants, "s-0"))) as TestClient;
    expect(s0).toBeInstanceOf(TestClient);
    // …and the room can promise the rest to others; then an expired seat is refused, naming why.
    expect(await room.reserve(players("t", ARENA_CAPACITY - 1))).toHaveLength(ARENA_CAPACITY - 1);
    expect(await room.join("s-1", seatOf(grants, "s-1"))).toEqual({ code: CloseCode.roomFull, reason: expect.stringMatching(/^seat expired; room is full/) });
    s0.close();
  });

  it("a join rolled back after its seat was checked (a storage write failed, 1011) keeps the seat: its player retries with it", async () => {
    const room = new SeatedArena();
    const grants = await room.reserve(players("u", ARENA_CAPACITY));
    // The join's session row cannot be written: the join is undone with 1011 after the room accepted its seat.
    const failSessions = (sql: SqlStorage) => sql.exec("CREATE TRIGGER fail_session BEFORE INSERT ON game_sessions BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END");
    await runInDurableObject(room.stub(), (_instance, state) => failSessions(state.storage.sql));
    expect(await room.join("u-0", seatOf(grants, "u-0"))).toEqual({ code: CloseCode.internalError, reason: expect.stringMatching(/failed to admit/) });
    await runInDurableObject(room.stub(), (_instance, state) => state.storage.sql.exec("DROP TRIGGER fail_session"));
    // Still reserved for u-0 (every seat is): nobody else takes its place…
    expect(await room.join("walk-in")).toMatchObject({ code: CloseCode.roomFull });
    // …and u-0's retry with the same seat, within its 30 s, gets in.
    const retry = await room.join("u-0", seatOf(grants, "u-0"));
    expect(retry).toBeInstanceOf(TestClient);
    (retry as TestClient).close();
  });

  it("refuses to seat players in a private room or a room of another kind", async () => {
    const room = new ClockedRoom("private");
    const { client } = await room.connect({ playerId: "owner" });
    expect(await room.stub().reserveSeats({ code: room.code, kind: "room", playerIds: ["a"] })).toEqual({ ok: false, reason: "not_matchable" });
    const arena = new SeatedArena();
    await arena.reserve(["a"]);
    expect(await arena.stub().reserveSeats({ code: arena.code, kind: "plaza", playerIds: ["b"] })).toEqual({ ok: false, reason: "not_matchable" });
    client.close();
  });
});
