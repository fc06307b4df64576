import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { CombatRoom } from "../src/features/combat/combat-room.ts";
import { roomSeed, seedAtTick } from "../src/room/room-seed.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { RoomMetaStore } from "../src/storage/room-meta.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { inWorld, internalsOf, openRoom } from "./support/room-internals.ts";
import { connect, freshRoom } from "./support/test-client.ts";

const seedState = (world: RoomWorld) => (world.sim as WasmSim).prng.state;
const roomObject = (room: string) => env.ROOMS.get(env.ROOMS.idFromName(room));

/** A room's world's PRNG state, its stored seed, and the tick it started from, read inside its Durable Object. */
async function seeding(room: string) {
  return runInDurableObject(roomObject(room), (instance, state) => {
    const world = internalsOf(instance).world;
    const stored = state.storage.sql.exec<{ value: string }>("SELECT value FROM room_meta WHERE key = 'room_seed'").toArray()[0]?.value;
    return { seedState: seedState(world), seed: stored === undefined ? undefined : Number(stored) };
  });
}

describe("the sim's crit seed", () => {
  it("comes from the room's seed and the tick the room started from: a replay rolls the same, a restart and another room not", async () => {
    const run = async (room: string, body: (sql: RowsWrittenCounter) => void) => {
      await openRoom(room);
      return runInDurableObject(roomObject(room), (_instance, state) => body(new RowsWrittenCounter(state.storage.sql)));
    };
    const start = (sql: RowsWrittenCounter, tick: number) => {
      const world = new RoomWorld(WasmSim.fromModule(simModule), tick);
      const combat = new CombatRoom(world, sql);
      expect(seedState(world)).toBe(0);
      combat.beforeStep();
      return world.sim as WasmSim;
    };
    const draws = (sim: WasmSim) => Array.from({ length: 8 }, () => sim.prng.draw());
    let first: number[] = [];
    await run(freshRoom("seed-a"), (sql) => {
      const sim = start(sql, 100);
      const seed = new RoomMetaStore(sql).getNumber("room_seed", -1);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(sim.prng.state).toBe(seedAtTick(seed, 100));
      // The seed's row (and its key's index), once; later starts only read it.
      const once = sql.total;
      expect(once).toBeGreaterThan(0);
      expect(once).toBeLessThanOrEqual(2);
      first = draws(sim);
      const replay = start(sql, 100);
      expect(draws(replay)).toEqual(first);
      const restarted = start(sql, 160);
      expect(restarted.prng.state).toBe(seedAtTick(seed, 160));
      expect(draws(restarted)).not.toEqual(first);
      expect(sql.total).toBe(once);
    });
    await run(freshRoom("seed-b"), (sql) => {
      const other = start(sql, 100);
      // Its own seed (stored, and read back by the next start), so the same tick rolls another sequence.
      expect(other.prng.state).toBe(seedAtTick(roomSeed(sql), 100));
      expect(draws(other)).not.toEqual(first);
    });
  });

  it("is set in a live room when its first player joins, and again from the hydrated tick after a restart", async () => {
    const rooms = [freshRoom("seed-live"), freshRoom("seed-live")];
    const states: number[] = [];
    for (const room of rooms) {
      const { client } = await connect(room, { playerId: `${room}-p` });
      await client.nextSnapshot();
      const { seedState: state, seed } = await seeding(room);
      // A fresh room starts at tick 0.
      expect(state).toBe(seedAtTick(seed!, 0));
      states.push(state);
      client.close();
      await client.closed();
      await expect.poll(async () => (await inWorld(room, (world) => world.players.size)), { timeout: 3000, interval: 20 }).toBe(0);
    }
    expect(states[0]).not.toBe(states[1]);

    const [room] = rooms as [string];
    await abortAllDurableObjects();
    const hydratedTick = await inWorld(room, (world) => world.tick);
    expect(hydratedTick).toBeGreaterThan(0);
    const { client } = await connect(room, { playerId: `${room}-p` });
    await client.nextSnapshot();
    const after = await seeding(room);
    expect(after.seed).toBe((await seeding(rooms[0]!)).seed);
    expect(after.seedState).toBe(seedAtTick(after.seed!, hydratedTick));
    expect(after.seedState).not.toBe(states[0]);
    client.close();
  });
});
