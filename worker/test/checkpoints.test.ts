import { abortAllDurableObjects, env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_SPEED, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { Checkpointer } from "../src/room/checkpointer.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { CharacterProfileStore } from "../src/storage/character-profiles.ts";
import { RoomCheckpointStore } from "../src/storage/room-checkpoint.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom, held } from "./support/test-client.ts";
import { roomDiagnostics } from "./support/room-api.ts";
import { openRoom } from "./support/room-internals.ts";

async function rowsWritten(room: string): Promise<number> {
  return (await roomDiagnostics(room)).rowsWritten.total;
}

/** Runs `body` against a fresh room object's real SQLite, with a world of `players` players and a checkpointer. */
async function withCheckpointer(players: number, body: (ctx: { world: RoomWorld; checkpointer: Checkpointer; rows: RowsWrittenCounter }) => void) {
  const room = freshRoom("cp-unit");
  await openRoom(room);
  const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
  return runInDurableObject(stub, (_instance, state) => {
    const rows = new RowsWrittenCounter(state.storage.sql);
    const checkpointer = new Checkpointer(state.storage, new CharacterProfileStore(rows), new RoomCheckpointStore(rows));
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    for (let i = 0; i < players; i++) world.join(`p${i}`, defaultCharacter(`p${i}`, `P${i}`), undefined, false);
    body({ world, checkpointer, rows });
  });
}

/** One step where every player holds `keys` (their input seq advances by one). */
function stepAll(world: RoomWorld, keys: { right?: boolean }): void {
  for (const player of world.players.values()) {
    const seq = player.inputs.lastAcceptedSeq + 1;
    player.inputs.push([{ seq, up: false, down: false, left: false, right: keys.right ?? false }]);
  }
  world.step();
}

describe("checkpoints", () => {
  it("write one row per checkpoint whatever the player count, and none while nobody moves", async () => {
    for (const players of [1, 64]) {
      await withCheckpointer(players, ({ world, checkpointer, rows }) => {
        checkpointer.write(world); // arrivals: their profile rows plus the room row
        for (let s = 0; s < 30; s++) stepAll(world, { right: true });
        const before = rows.total;
        checkpointer.write(world);
        expect(rows.total - before).toBe(1);

        // Let everyone come to rest, checkpoint that, then a second of idle inputs: seqs advance, nothing moves.
        for (let s = 0; s < 60; s++) stepAll(world, {});
        checkpointer.write(world);
        const idle = rows.total;
        for (let s = 0; s < 30; s++) stepAll(world, {});
        checkpointer.write(world);
        expect(rows.total).toBe(idle);
      });
    }
  });

  it("a live room of players standing still writes no checkpoint rows", async () => {
    const room = new ClockedRoom("still");
    const clients = (await Promise.all(["s1", "s2", "s3", "s4"].map((playerId) => room.connect({ playerId })))).map(({ client }) => client);
    let seq = 1;
    const sendIdle = () => {
      for (const client of clients) client.sendInputs(held({}, seq, 3));
      seq += 3;
    };
    // Joins are written; past the first periodic checkpoint nothing else should be.
    sendIdle();
    await room.advance(1100, { after: clients });
    await clients[0]!.nextSnapshot((s) => s.payload.ackInputSeq >= 3);
    const before = await rowsWritten(room.code);
    // Two seconds of the room's time with idle inputs from four players (3 a tenth of a second, as a page sends).
    for (let i = 0; i < 20; i++) {
      sendIdle();
      await room.advance(100, { after: clients });
    }
    // The inputs were applied (the last ones in the snapshots of the next few steps)…
    await room.advance(200, { after: clients });
    await clients[0]!.nextSnapshot((s) => s.payload.ackInputSeq >= seq - 1);
    // …and not one row written (the old checkpoint wrote 2 rows per player per second: 16 here).
    expect(await rowsWritten(room.code)).toBe(before);
    for (const client of clients) client.close();
  });

  it("a moving player's place survives a restart of the room to within about a second of movement", async () => {
    const room = freshRoom("moving");
    const { client, welcome } = await connect(room, { playerId: "runner" });
    const me = welcome.payload.entityId;
    const start = (await client.nextSnapshot((s) => s.payload.mode === "full")).payload.features.movement!.set![me]!.x!;
    // Run right for ~2 s, 3 inputs every 100 ms, and keep the last position the server reported.
    let seq = 1;
    let last = start;
    for (let i = 0; i < 20; i++) {
      client.sendInputs(held({ right: true }, seq, 3));
      seq += 3;
      const snapshot = await client.nextSnapshot();
      last = snapshot.payload.features.movement?.set?.[me]?.x ?? last;
    }
    await abortAllDurableObjects();

    const resumed = await connect(room, { resumeToken: welcome.payload.resumeToken });
    expect(resumed.welcome.payload.resumed).toBe(true);
    const full = await resumed.client.nextSnapshot((s) => s.payload.mode === "full");
    const restored = full.payload.features.movement!.set![resumed.welcome.payload.entityId]!.x!;
    // It kept most of the run (~12 m), losing at most the last checkpoint interval (~1 s at top speed, plus a step).
    expect(restored - start).toBeGreaterThan(6);
    expect(last - restored).toBeLessThanOrEqual(MAX_SPEED * 1.2);
    expect(restored).toBeLessThanOrEqual(last);
    resumed.client.close();
  });

  it("counts rows written in the room's diagnostics (GET /api/admin/rooms/:code)", async () => {
    const room = freshRoom("count");
    await openRoom(room);
    // Opening a room writes its settings once (kind, owner, …); the rows counted start after that.
    const opened = await rowsWritten(room);
    const { client } = await connect(room, { playerId: "counted" });
    // A join writes: room meta, a resume token, a session row, the character's profile rows and the room row.
    expect(await rowsWritten(room)).toBeGreaterThan(opened);
    expect((await roomDiagnostics(room)).rowsWritten.perHour).toBeGreaterThan(0);
    client.close();
  });
});
