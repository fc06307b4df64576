import { describe, expect, it } from "vitest";
import { matchmake, publicRooms } from "./support/matchmaking.ts";
import { connect } from "./support/test-client.ts";

const PLAYERS = 100;
const ARENA_CAPACITY = 24;

// Its own file, so its own workerd and directory: no room from another test is there to be filled.
describe("100 players matchmaking into arenas at once", () => {
  it("land in ⌈100/24⌉ = 5 rooms, none over capacity, no seat given twice, and all 100 join", { timeout: 60_000 }, async () => {
    const ids = Array.from({ length: PLAYERS }, (_, i) => `rush-${i}`);
    // Real concurrent requests through the worker: all 100 are in flight before any answers.
    const answers = await Promise.all(ids.map((id) => matchmake(id)));

    const perRoom = new Map<string, number>();
    for (const answer of answers) perRoom.set(answer.code, (perRoom.get(answer.code) ?? 0) + 1);
    expect(perRoom.size).toBe(Math.ceil(PLAYERS / ARENA_CAPACITY));
    expect([...perRoom.values()].sort((a, b) => b - a)).toEqual([24, 24, 24, 24, 4]);
    expect(new Set(answers.map((a) => a.seat)).size).toBe(PLAYERS);

    const clients = await Promise.all(answers.map(async (answer, i) => (await connect(answer.code, { playerId: ids[i]!, seat: answer.seat })).client));
    await expect
      .poll(async () => (await publicRooms("arena")).map((room) => room.players).sort((a, b) => b - a), { timeout: 5000 })
      .toEqual([24, 24, 24, 24, 4]);
    for (const client of clients) client.close();
    await Promise.all(clients.map((client) => client.closed(10_000)));
  });
});
