import { abortAllDurableObjects, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { migrate, schemaVersions } from "../src/storage/migrations.ts";
import { SERVER_FEATURES } from "../src/features/registry.ts";
import { RoomFeatures } from "../src/room/room-features.ts";
import { roomMigrations } from "../src/storage/room-schema.ts";
import type { RoomDurableObject } from "../src/room/room-durable-object.ts";
import { connect, freshRoom, held } from "./support/test-client.ts";
import { roomDiagnostics } from "./support/room-api.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { openRoom } from "./support/room-internals.ts";

function stubFor(room: string): DurableObjectStub<RoomDurableObject> {
  return env.ROOMS.get(env.ROOMS.idFromName(room));
}

const roomInfo = roomDiagnostics;

describe("room lifecycle", () => {
  it("starts the loop with the first connection and stops it, with no timers, when the last leaves", async () => {
    const room = new ClockedRoom("life");
    const a = await room.connect({ playerId: "a" });
    const b = await room.connect({ playerId: "b" });
    expect(await room.diagnostics()).toMatchObject({ running: true, players: 2 });
    await room.advance(400);
    await a.client.nextSnapshot((s) => s.payload.mode === "delta");
    a.client.close();
    await b.client.next((m) => m.kind === "event" && m.action === "leave");
    expect(await room.diagnostics()).toMatchObject({ running: true, players: 1 });
    b.client.close();
    await b.client.closed();
    await expect.poll(() => room.diagnostics()).toMatchObject({ running: false, players: 0 });
    // Nothing of the room is scheduled: an empty room costs no duration and may be evicted.
    expect(await room.pendingTimers()).toBe(0);
    const tickAfterStop = (await room.diagnostics())!.tick;
    await room.advance(5000);
    expect((await room.diagnostics())!.tick).toBe(tickAfterStop);
  });

  it("keeps the tick counter across a restart of the object", async () => {
    const room = freshRoom();
    const { client } = await connect(room, { playerId: "a" });
    await client.nextSnapshot((s) => s.payload.tick >= 9);
    client.close();
    await client.closed();
    await expect.poll(() => roomInfo(room)).toMatchObject({ running: false, players: [] });
    const before = (await roomInfo(room)).tick;
    expect(before).toBeGreaterThanOrEqual(9);
    await abortAllDurableObjects();
    expect((await roomInfo(room)).tick).toBe(before);
  });

  it("applies schema migrations idempotently", async () => {
    const room = freshRoom();
    await openRoom(room); // the room opens, which migrates
    await runInDurableObject(stubFor(room), (_instance, state) => {
      // The room's schema: its own migrations plus every registered feature's (the build feature's structures).
      const all = roomMigrations(RoomFeatures.migrations(SERVER_FEATURES));
      const latest = Object.fromEntries(all.map(({ owner, migrations }) => [owner, Math.max(...migrations.map((m) => m.version))]));
      expect(schemaVersions(state.storage.sql)).toEqual(latest);
      state.storage.sql.exec("INSERT INTO players (player_id, name, x, y, vx, vy, last_input_seq, updated_at) VALUES ('p', 'P', 1, 2, 0, 0, 5, 0)");
      migrate(state.storage, all);
      migrate(state.storage, all);
      const migrations = state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM schema_migrations").one().n;
      expect(migrations).toBe(all.flatMap((set) => set.migrations).length);
      const row = state.storage.sql.exec<{ x: number; last_input_seq: number }>("SELECT x, last_input_seq FROM players WHERE player_id = 'p'").one();
      expect(row).toEqual({ x: 1, last_input_seq: 5 });
    });
  });

  it("writes a checkpoint on connect and on disconnect", async () => {
    const room = new ClockedRoom("cp");
    const { client, welcome } = await room.connect({ playerId: "cp" });
    const saved = () =>
      runInDurableObject(room.stub(), (_i, state) =>
        state.storage.sql
          .exec<{ y: number; last_input_seq: number }>("SELECT y, last_input_seq FROM character_profiles WHERE user_id = 'cp' AND character_id = 'default'")
          .toArray(),
      );
    expect(await saved()).toHaveLength(1);
    client.sendInputs(held({ up: true }, 1, 4));
    // The four inputs and the snapshots after them, well short of the periodic checkpoint (a second of steps).
    await room.advance(300, { after: [client] });
    const moved = await client.nextSnapshot((s) => s.payload.ackInputSeq === 4);
    const y = moved.payload.features.movement!.set![welcome.payload.entityId]!.y;
    expect(await saved()).not.toEqual([{ y, last_input_seq: 4 }]);
    client.close();
    await client.closed();
    // No time passed in the room since: this row can only have been written by the disconnect.
    await expect.poll(saved).toEqual([{ y, last_input_seq: 4 }]);
  });
});
