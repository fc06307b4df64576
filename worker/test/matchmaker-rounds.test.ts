import { describe, expect, it } from "vitest";
import { DirectoryEntries } from "../src/directory/directory-entries.ts";
import { DIRECTORY_TIMINGS } from "../src/directory/directory-timing.ts";
import { Matchmaker } from "../src/directory/matchmaker.ts";
import type { RoomReport } from "../src/directory/room-report.ts";
import type { SeatAnswer, SeatRequest } from "../src/directory/seat-request.ts";

const NOW = 1_000_000;

function report(code: string, occupied: number, seq: number): RoomReport {
  return { code, kind: "arena", capacity: 24, listed: true, players: occupied, occupied, reservedUntil: [], running: true, version: { boot: 1, seq } };
}

/**
 * The matchmaker's rounds against rooms that answer as the test says (the real rooms' side is in seats.test.ts and
 * matchmake*.test.ts): here, a room whose last seat was taken by a join the directory had not yet heard of.
 */
describe("matchmaking rounds", () => {
  it("sends a request the chosen room refused to the next round, which places it by the refusal's report", async () => {
    const entries = new DirectoryEntries(DIRECTORY_TIMINGS);
    // The directory believes "stale" has one free seat; the room has just filled.
    entries.apply(report("stale", 23, 1), NOW);
    const asked: string[] = [];
    const reserve = async (request: SeatRequest): Promise<SeatAnswer> => {
      asked.push(request.code);
      if (request.code === "stale") return { ok: false, reason: "full", report: report("stale", 24, 2) };
      return { ok: true, seats: [{ playerId: request.playerIds[0]!, seat: "s", seatExpiresAt: NOW + 30_000 }], report: report(request.code, 0, 1) };
    };
    const answer = await new Matchmaker(entries, reserve, () => NOW, () => {}).matchmake({ kind: "arena", playerIds: ["late"] });
    if (!answer.ok) throw new Error(`matchmake refused: ${answer.problem}`);
    const { result } = answer;
    expect(asked[0]).toBe("stale");
    expect(asked).toHaveLength(2);
    expect(result.code).toBe(asked[1]);
    expect(result.code).not.toBe("stale");
    expect(entries.live(NOW).find((e) => e.code === "stale")?.occupied).toBe(24);
  });

  it("gives up after a few rounds of refusals (rooms that keep failing), with a reason", async () => {
    const entries = new DirectoryEntries(DIRECTORY_TIMINGS);
    let asked = 0;
    const failing = async (): Promise<SeatAnswer> => {
      asked++;
      throw new Error("room unreachable");
    };
    const outcome = await new Matchmaker(entries, failing, () => NOW, () => {})
      .matchmake({ kind: "arena", playerIds: ["unlucky"] })
      .then(() => "served", (error: Error) => error.message);
    expect(outcome).toMatch(/matchmake failed after 5 rounds: room unreachable/);
    expect(asked).toBe(5);
  });
});
