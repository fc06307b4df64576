// The build feature's rules, its SQLite table and its sim mirror, on a real SqlStorage and the real sim.wasm (no
// room wiring: these modules are what the room calls at an input's step).
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BuildRejectReason, ErrorCode, type BuildAction, type BuildSite } from "@edgehold/protocol";
import { BODY_RADIUS, InputBit, TileKind, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { BuildPreviews } from "../src/features/build/build-previews.ts";
import { BuildRoom } from "../src/features/build/build-room.ts";
import { BUILD_ACTION_LIMIT, BuildState, DEFAULT_BUILD_LIMITS, STRUCTURE_HP, type BuildActor } from "../src/features/build/build-state.ts";
import { applyBuildAction, buildRejectedError, type BuildWorld } from "../src/features/build/build-step.ts";
import { mirrorStructures } from "../src/features/build/sim-mirror.ts";
import { STRUCTURES_MIGRATION, StructureStore } from "../src/features/build/structure-store.ts";
import { ActionRateLimits } from "../src/room/action-rate-limits.ts";
import { migrate } from "../src/storage/migrations.ts";
import { RoomMetaStore } from "../src/storage/room-meta.ts";
import { RoomOwner } from "../src/storage/room-owner.ts";
import { roomMigrations } from "../src/storage/room-schema.ts";
import { RowsWrittenCounter } from "../src/storage/rows-written.ts";
import { freshRoom } from "./support/test-client.ts";

const alice: BuildActor = { playerId: "alice", isRoomOwner: false };
const bob: BuildActor = { playerId: "bob", isRoomOwner: false };
const owner: BuildActor = { playerId: "olga", isRoomOwner: true };
/**
 * A site where only the room's own rules decide: the builder stands on the tile's centre (always within reach), the
 * world has no spawn ring (nothing is protected) and no body is near. The fair-play rules have tests of their own.
 */
const OPEN_WORLD = { minTile: -64, maxTile: 63 };
const siteAtTile = (action: BuildAction, bodyNear: BuildSite["bodyNear"] = () => false): BuildSite => ({
  world: OPEN_WORLD,
  builderX: action.tx + 0.5,
  builderY: action.ty + 0.5,
  bodyNear,
  isScenery: () => false,
});
const actorOf = (playerId: string, isRoomOwner: boolean): BuildActor => ({ playerId, isRoomOwner });
/** A player with build tokens to spare (the rate has tests of its own). */
const withinRate = () => true;
const applyAt = (world: BuildWorld, action: BuildAction, actor: BuildActor) =>
  applyBuildAction(world, action, actor, siteAtTile(action, (tx, ty, margin) => world.sim.tiles.isOccupied(tx, ty, margin)), withinRate);
const place = (tx: number, ty: number, kind: "wall" | "crate" | "floor" = "wall"): BuildAction => ({ op: "place", tx, ty, kind });
const remove = (tx: number, ty: number): BuildAction => ({ op: "remove", tx, ty });

/** A clock that moves 250 ms per action (the rows' `placed_at`). */
function slowClock() {
  let t = 0;
  return () => (t += 250);
}

/** Runs `body` against a fresh room object's real SQLite with the structures table migrated in. */
function withStorage<T>(body: (storage: DurableObjectStorage) => T): Promise<T> {
  const stub = env.ROOMS.get(env.ROOMS.idFromName(freshRoom("build")));
  return runInDurableObject(stub, (_instance, state) => {
    migrate(state.storage, roomMigrations([{ owner: "build", migrations: [STRUCTURES_MIGRATION] }]));
    return body(state.storage);
  });
}

function buildWorld(sql: SqlStorage | RowsWrittenCounter): BuildWorld {
  return { state: new BuildState(), store: new StructureStore(sql), sim: WasmSim.fromModule(simModule), now: slowClock() };
}

describe("build rules: each rejection reason", () => {
  it("occupied: a tile already holding a structure cannot be built on (bodies: see the placement rules)", () => {
    const state = new BuildState();
    expect(state.apply(place(3, 4), alice, withinRate)).toMatchObject({ ok: true });
    expect(state.apply(place(3, 4, "floor"), bob, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.occupied });
    expect(state.size).toBe(1);
  });

  it("limit: the room's and the player's structure caps, which removals free again", () => {
    const state = new BuildState({ maxPerRoom: 4, maxPerPlayer: 3 });
    for (let i = 0; i < 3; i++) expect(state.apply(place(i, 0), alice, withinRate)).toMatchObject({ ok: true });
    expect(state.apply(place(9, 0), alice, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.limit });
    expect(state.apply(place(9, 0), bob, withinRate)).toMatchObject({ ok: true });
    expect(state.apply(place(10, 0), bob, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.limit });
    expect(state.apply(remove(0, 0), alice, withinRate)).toMatchObject({ ok: true });
    expect(state.apply(place(10, 0), bob, withinRate)).toMatchObject({ ok: true });
    expect([state.ownedBy("alice"), state.ownedBy("bob"), state.size]).toEqual([2, 2, 4]);
    expect(DEFAULT_BUILD_LIMITS).toEqual({ maxPerRoom: 10_000, maxPerPlayer: 1_000 });
  });

  it("too_fast: when the player has no build token left; the rate is asked last, so another refusal spends none", () => {
    const state = new BuildState();
    let asked = 0;
    const spent = () => {
      asked++;
      return false;
    };
    expect(state.apply(place(5, 1), alice, spent)).toEqual({ ok: false, reason: BuildRejectReason.tooFast });
    expect(state.size).toBe(0);
    expect(asked).toBe(1);
    state.apply(place(6, 1), alice, withinRate);
    expect(state.apply(place(6, 1), bob, spent)).toEqual({ ok: false, reason: BuildRejectReason.occupied });
    expect(state.apply(remove(9, 9), alice, spent)).toEqual({ ok: false, reason: BuildRejectReason.notFound });
    expect(state.apply(remove(6, 1), bob, spent)).toEqual({ ok: false, reason: BuildRejectReason.notOwner });
    expect(state.apply(remove(6, 1), alice, spent)).toEqual({ ok: false, reason: BuildRejectReason.tooFast });
    expect(asked).toBe(2);
  });

  it("5 build actions a second per player: the room's token bucket of 5, refilled at 5 a second", () => {
    expect(BUILD_ACTION_LIMIT).toEqual({ perSecond: 5, burst: 5 });
    const buckets = new ActionRateLimits();
    const build = (playerId: string, at: number) => buckets.allow(playerId, "build", BUILD_ACTION_LIMIT, at);
    for (let i = 0; i < 5; i++) expect(build("alice", 1000 + i * 10)).toBe(true);
    expect(build("alice", 1100)).toBe(false);
    // Another player is not slowed by alice.
    expect(build("bob", 1100)).toBe(true);
    // A token comes back every 200 ms.
    expect(build("alice", 1250)).toBe(true);
    expect(build("alice", 1260)).toBe(false);
    // Held down for ten seconds at 20 attempts a second, 5 a second get through (and the first burst of 5).
    let accepted = 0;
    for (let t = 2000; t < 12_000; t += 50) if (build("carol", t)) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(5 * 10);
    expect(accepted).toBeLessThanOrEqual(5 + 5 * 10);
  });

  it("not_found: removing an empty tile", () => {
    const state = new BuildState();
    expect(state.apply(remove(0, 0), alice, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.notFound });
  });

  it("not_owner: only the owner or the room owner removes a structure", () => {
    const state = new BuildState();
    state.apply(place(1, 1), alice, withinRate);
    state.apply(place(2, 2), alice, withinRate);
    expect(state.apply(remove(1, 1), bob, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.notOwner });
    expect(state.at(1, 1)?.owner).toBe("alice");
    expect(state.apply(remove(1, 1), alice, withinRate)).toMatchObject({ ok: true, change: { op: "removed" } });
    expect(state.apply(remove(2, 2), owner, withinRate)).toMatchObject({ ok: true, change: { op: "removed", structure: { owner: "alice" } } });
    expect(state.size).toBe(0);
  });

  it("names the reason and the input seq in the build_rejected error", () => {
    expect(buildRejectedError(42, BuildRejectReason.tooFast)).toEqual({
      code: ErrorCode.buildRejected, message: "build action of input 42 refused: too_fast", seq: 42, reason: "too_fast",
    });
  });
});

describe("build channel and previews", () => {
  it("shows each structure as id → { tx, ty, kind, owner, hp }, with the kind's hit points", () => {
    const state = new BuildState();
    state.apply(place(1, 2, "crate"), alice, withinRate);
    state.apply(place(-3, 4, "floor"), bob, withinRate);
    expect(Object.fromEntries(state.channel())).toEqual({
      "1": { tx: 1, ty: 2, kind: "crate", owner: "alice", hp: STRUCTURE_HP.crate },
      "2": { tx: -3, ty: 4, kind: "floor", owner: "bob", hp: STRUCTURE_HP.floor },
    });
    state.apply(remove(1, 2), alice, withinRate);
    expect([...state.channel().keys()]).toEqual(["2"]);
  });

  it("says which structures changed after a version: placed, damaged and removed ones, nothing for a rejection", () => {
    const state = new BuildState();
    expect(state.version).toBe(0);
    state.hydrate([{ id: 1, tx: 0, ty: 0, kind: "wall", owner: "a", hp: 500 }]);
    const hydrated = state.version;
    expect(hydrated).toBe(1);
    expect(state.changedSince(0)).toEqual(["1"]);
    expect(state.changedSince(hydrated)).toEqual([]);
    state.apply(place(1, 0, "crate"), alice, withinRate);
    state.apply(remove(0, 0), owner, withinRate);
    expect(state.changedSince(hydrated)).toEqual(["2", "1"]);
    expect(Object.fromEntries(state.channel())).toEqual({ "2": { tx: 1, ty: 0, kind: "crate", owner: "alice", hp: STRUCTURE_HP.crate } });
    // A rejected action changes nothing: no new version.
    const before = state.version;
    expect(state.apply(remove(9, 9), alice, withinRate)).toEqual({ ok: false, reason: BuildRejectReason.notFound });
    expect(state.version).toBe(before);
    // Placed and removed between two snapshots: both listed (the diff finds it gone, and a client never saw it).
    state.apply(place(2, 0), alice, withinRate);
    state.apply(remove(2, 0), alice, withinRate);
    expect(state.changedSince(before)).toEqual(["3", "3"]);
    expect(state.channel().has("3")).toBe(false);
    // Damage is a change of that structure's entry; the same hp again is none.
    const damaged = state.version;
    state.setHp(1, 0, 120);
    state.setHp(1, 0, 120);
    expect(state.changedSince(damaged)).toEqual(["2"]);
    expect(state.channel().get("2")?.hp).toBe(120);
    // Ahead of the log or from before it: unknown (the stream diffs the whole channel).
    expect(state.changedSince(state.version + 1)).toBeUndefined();
  });

  it("previews: set, moved, cleared, and gone when the player leaves", () => {
    const previews = new BuildPreviews();
    previews.apply("1", { tx: 1, ty: 1, kind: "wall" });
    previews.apply("2", { tx: 5, ty: 5, kind: "floor" });
    previews.apply("1", { tx: 2, ty: 1, kind: "crate" });
    expect(Object.fromEntries(previews.channel())).toEqual({ "1": { tx: 2, ty: 1, kind: "crate" }, "2": { tx: 5, ty: 5, kind: "floor" } });
    previews.apply("1", { clear: true });
    previews.leave("2");
    expect(previews.channel().size).toBe(0);
  });
});

describe("structures in SQLite", () => {
  it("writes exactly one row per placement and per removal, and reads them back", async () => {
    await withStorage((storage) => {
      const rows = new RowsWrittenCounter(storage.sql);
      const world = buildWorld(rows);
      for (const [i, kind] of (["wall", "crate", "floor"] as const).entries()) {
        const before = rows.total;
        expect(applyAt(world, place(i, -i, kind), alice)).toMatchObject({ ok: true });
        expect(rows.total - before).toBe(1);
      }
      const before = rows.total;
      expect(applyAt(world, remove(1, -1), alice)).toMatchObject({ ok: true });
      expect(rows.total - before).toBe(1);
      // A rejected action writes nothing.
      expect(applyAt(world, remove(1, -1), alice)).toEqual({ ok: false, reason: "not_found" });
      expect(rows.total - before).toBe(1);
      expect(new StructureStore(storage.sql).loadAll().sort((a, b) => a.id - b.id)).toEqual([
        { id: 1, tx: 0, ty: 0, kind: "wall", owner: "alice", hp: STRUCTURE_HP.wall },
        { id: 3, tx: 2, ty: -2, kind: "floor", owner: "alice", hp: STRUCTURE_HP.floor },
      ]);
    });
  });

  it("mirrors accepted changes into the sim at once, and a storage failure leaves memory, sim and table unchanged", async () => {
    await withStorage((storage) => {
      const world = buildWorld(storage.sql);
      applyAt(world, place(4, 4, "crate"), alice);
      expect(world.sim.tiles.kind(4, 4)).toBe(TileKind.crate);
      applyAt(world, remove(4, 4), alice);
      expect(world.sim.tiles.kind(4, 4)).toBe(TileKind.empty);
      // The same tile twice in the table (a bug elsewhere): the insert fails, nothing of the action remains.
      storage.sql.exec("INSERT INTO structures (tile, id, tx, ty, kind, owner, hp, placed_at) VALUES (?, 99, 6, 6, 'wall', 'x', 1, 0)", (6 + 64) * 128 + 6 + 64);
      expect(() => applyAt(world, place(6, 6), alice)).toThrow();
      expect(world.state.at(6, 6)).toBeUndefined();
      expect(world.state.ownedBy("alice")).toBe(0);
      expect(world.sim.tiles.kind(6, 6)).toBe(TileKind.empty);
    });
  });

  it("hydrates 10,000 structures into rules and sim exactly as they were built (limits and ids continue)", async () => {
    await withStorage((storage) => {
      const built = new BuildState();
      const store = new StructureStore(storage.sql);
      const builtSim = WasmSim.fromModule(simModule);
      storage.transactionSync(() => {
        for (let i = 0; i < 10_000; i++) {
          const actor = { playerId: `p${i % 10}`, isRoomOwner: false };
          const result = built.apply(place((i % 128) - 64, Math.floor(i / 128) - 64, (["wall", "crate", "floor"] as const)[i % 3]), actor, withinRate);
          if (!result.ok) throw new Error(result.reason);
          store.place(result.change.structure, 0);
        }
      });
      mirrorStructures(builtSim, built.all());

      // "Restart": a new state and a new sim from the table alone.
      const hydrated = new BuildState();
      hydrated.hydrate(new StructureStore(storage.sql).loadAll());
      const sim = WasmSim.fromModule(simModule);
      mirrorStructures(sim, hydrated.all());
      expect(hydrated.size).toBe(10_000);
      expect(new Map(hydrated.channel())).toEqual(new Map(built.channel()));
      expect(sim.tiles.hash()).toBe(builtSim.tiles.hash());
      expect(sim.tiles.blockingCount).toBe(Math.ceil((10_000 * 2) / 3));
      // The room is full; the next id continues after the stored ones.
      expect(hydrated.apply(place(60, 60), alice, withinRate)).toEqual({ ok: false, reason: "limit" });
      hydrated.apply(remove(-64, -64), owner, withinRate);
      const placed = hydrated.apply(place(60, 60), alice, withinRate);
      expect(placed.ok && placed.change.structure.id).toBe(10_001);
    });
  });
});

describe("a placed wall in the sim", () => {
  it("stops a body walking into it at the wall's face, the step it is placed", async () => {
    await withStorage((storage) => {
      const world = buildWorld(storage.sql);
      world.sim.bodies.spawn(0, 0.5, 0.5, 0, 0);
      expect(applyAt(world, place(3, 0), alice)).toMatchObject({ ok: true });
      for (let i = 0; i < 60; i++) {
        world.sim.bodies.setInput(0, InputBit.right);
        world.sim.step();
      }
      expect(world.sim.bodies.x(0)).toBe(3 - BODY_RADIUS);
      // Without the wall the same walk goes far past it.
      applyAt(world, remove(3, 0), alice);
      for (let i = 0; i < 10; i++) {
        world.sim.bodies.setInput(0, InputBit.right);
        world.sim.step();
      }
      expect(world.sim.bodies.x(0)).toBeGreaterThan(4);
    });
  });
});

describe("BuildRoom: what the room wires in", () => {
  const applyInput = (room: BuildRoom, seq: number, action: BuildAction, actor: BuildActor) => room.applyInput(seq, action, actor, siteAtTile(action), withinRate);

  it("place → restart (a new room object on the same SQLite) → the structure is still there and still blocks", async () => {
    await withStorage((storage) => {
      const first = new BuildRoom(storage.sql, WasmSim.fromModule(simModule), slowClock());
      expect(first.hydrate()).toBe(0);
      expect(applyInput(first, 7, place(3, 0), actorOf("alice", false))).toBeUndefined();

      const sim = WasmSim.fromModule(simModule);
      const restarted = new BuildRoom(storage.sql, sim, slowClock());
      expect(restarted.hydrate()).toBe(1);
      const hydrated = restarted.buildVersion;
      expect(restarted.buildChangedSince(hydrated)).toEqual([]);
      expect(Object.fromEntries(restarted.buildChannel())).toEqual({ "1": { tx: 3, ty: 0, kind: "wall", owner: "alice", hp: STRUCTURE_HP.wall } });
      sim.bodies.spawn(0, 0.5, 0.5, 0, 0);
      for (let i = 0; i < 40; i++) {
        sim.bodies.setInput(0, InputBit.right);
        sim.step();
      }
      expect(sim.bodies.x(0)).toBe(3 - BODY_RADIUS);
      // Ownership survives too: bob may not remove it, the room owner may.
      expect(applyInput(restarted, 1, remove(3, 0), actorOf("bob", false))).toEqual(buildRejectedError(1, BuildRejectReason.notOwner));
      expect(applyInput(restarted, 2, remove(3, 0), actorOf("olga", true))).toBeUndefined();
      expect(restarted.buildChangedSince(hydrated)).toEqual(["1"]);
      expect(restarted.buildChannel().size).toBe(0);
      expect(sim.tiles.kind(3, 0)).toBe(TileKind.empty);
    });
  });

  it("answers a refused build with build_rejected naming the input seq and reason; previews vanish on leave and are never stored", async () => {
    await withStorage((storage) => {
      const room = new BuildRoom(storage.sql, WasmSim.fromModule(simModule), slowClock());
      room.hydrate();
      expect(applyInput(room, 41, remove(0, 0), actorOf("alice", false))).toEqual({
        code: "build_rejected", message: "build action of input 41 refused: not_found", seq: 41, reason: "not_found",
      });
      const tablesBefore = storage.sql.exec("SELECT COUNT(*) AS n FROM structures").one().n;
      room.preview("5", { tx: 1, ty: 1, kind: "floor" });
      expect(Object.fromEntries(room.previewChannel())).toEqual({ "5": { tx: 1, ty: 1, kind: "floor" } });
      room.leave("5");
      expect(room.previewChannel().size).toBe(0);
      expect(storage.sql.exec("SELECT COUNT(*) AS n FROM structures").one().n).toBe(tablesBefore);
    });
  });

  it("the room owner is stored; handing the room over replaces it", async () => {
    await withStorage((storage) => {
      const owner = new RoomOwner(new RoomMetaStore(storage.sql));
      expect(owner.playerId).toBeUndefined();
      owner.handTo("first");
      owner.handTo("second");
      expect([owner.is("first"), owner.is("second")]).toEqual([false, true]);
      expect(new RoomOwner(new RoomMetaStore(storage.sql)).playerId).toBe("second");
    });
  });
});
