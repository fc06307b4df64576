import { SERVER_FEATURES } from "../../src/features/registry.ts";
import type { AnyServerFeature } from "../../src/features/server-feature.ts";
import type { Clock } from "../../src/room/clock.ts";
import { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import { DirectoryDurableObject } from "../../src/directory/directory-durable-object.ts";
import worker from "../../src/index.ts";
import { combatServer, createCombatServer } from "../../src/features/combat/combat-server.ts";
import { counterServer } from "./counter-feature.ts";
import { ManualClock } from "./manual-clock.ts";
import { CallGate } from "./call-gate.ts";

/**
 * The workerd tests' entry: the real worker, unchanged, with the real room bound as ROOMS (through the class below,
 * which only adds manual clocks), plus a room class that runs one more feature, defined only in test code (bound as
 * COUNTER_ROOMS in vitest.config.ts), the lag-compensation test's rooms (below), rooms with their own creature
 * population (the tests' env sets CREATURE_POPULATION=0 for the ordinary room), and a room that closes non-reading
 * connections sooner.
 */
export * from "../../src/index.ts";
// Named explicitly: the pool finds a self-binding's named entrypoint only among the exports it can see (wrangler.toml
// EVENT_PUBLISHER), not behind `export *`.
export { EventPublisher } from "../../src/index.ts";
export default worker;

/** Rooms whose code starts with this run on a manual clock (support/clocked-room.ts names them). */
export const CLOCKED_ROOM_PREFIX = "clocked-";

/** Each clocked room object's clock (a WeakMap: set while the room's constructor runs, before subclass fields are). */
const manualClocks = new WeakMap<RoomDurableObject, ManualClock>();

/**
 * Rooms whose code starts with this reach the players' accounts and parties through a gate their test can close on
 * one method (support/call-gate.ts): real calls, played in the order the test chooses.
 */
export const GATED_ROOM_PREFIX = "gated-";

/** Each gated room object's gate. */
const callGates = new WeakMap<RoomDurableObject, CallGate>();

/**
 * The real room, and the base of every test room class: a room whose code starts with `clocked-` runs on a
 * ManualClock that its test moves (support/clocked-room.ts: real sockets, real SQLite, only time is the test's), one
 * whose code starts with `gated-` makes its account and party calls through a CallGate; every other room runs on
 * real time, exactly as deployed.
 */
export class TestRoomDurableObject extends RoomDurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    const gate = ctx.id.name?.startsWith(GATED_ROOM_PREFIX) ? new CallGate() : undefined;
    super(ctx, gate ? gate.wrap(env) : env);
    if (gate) callGates.set(this, gate);
  }

  protected override roomClock(): Clock {
    if (!this.ctx.id.name?.startsWith(CLOCKED_ROOM_PREFIX)) return super.roomClock();
    let clock = manualClocks.get(this);
    if (clock === undefined) manualClocks.set(this, (clock = new ManualClock()));
    return clock;
  }

  /** This object's manual clock; undefined for a room on real time (called inside the object: runInDurableObject). */
  manualClock(): ManualClock | undefined {
    return manualClocks.get(this);
  }

  /** This object's call gate; undefined for a room that is not gated (called inside the object: runInDurableObject). */
  callGate(): CallGate | undefined {
    return callGates.get(this);
  }
}

export class CounterRoomDurableObject extends TestRoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return [...SERVER_FEATURES, counterServer];
  }
}

/** A room class whose env says CREATURE_POPULATION = `population` (undefined: not set, the default applies). */
function withPopulation(population: string | undefined) {
  return class extends TestRoomDurableObject {
    constructor(ctx: DurableObjectState, env: Env) {
      super(ctx, { ...env, CREATURE_POPULATION: population } as Env);
    }
  };
}

export class WildRoomDurableObject extends withPopulation(undefined) {}
export class DeerRoomDurableObject extends withPopulation("deer=1") {}
export class WolfRoomDurableObject extends withPopulation("wolf=1") {}

/**
 * The lag-compensation test's two rooms: the real features, with players of 10,000 hp (so the target survives
 * every shot of a long run), judging shots with lag compensation (LAG_TEST_ROOMS) or against the present
 * (UNCOMPENSATED_LAG_TEST_ROOMS). Nothing else differs.
 */
function withCombat(options: Parameters<typeof createCombatServer>[0]): readonly AnyServerFeature[] {
  const combat = createCombatServer(options);
  return SERVER_FEATURES.map((feature) => (feature === combatServer ? combat : feature));
}

export class LagTestRoomDurableObject extends TestRoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return withCombat({ playerMaxHp: 10_000 });
  }
}

export class UncompensatedLagTestRoomDurableObject extends TestRoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return withCombat({ playerMaxHp: 10_000, lagCompensation: false });
  }
}

/**
 * The flow-control tests' room (worker/test/reading-confirmation.test.ts): the real room, but a connection that does
 * not read is closed after 5 s instead of 15, so the test takes seconds. The 2 s lag rule keeps its default.
 */
export class FlowTestRoomDurableObject extends TestRoomDurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, { ...env, SNAPSHOT_LAG_CLOSE_MS: String(FLOW_TEST_CLOSE_MS) } as Env);
  }
}

export const FLOW_TEST_CLOSE_MS = 5_000;

/**
 * The real directory, on a clock a test moves forward (support/directory.ts): "empty for 60 s" or "silent past the
 * heartbeat timeout" take no waiting. Its clock is real time plus what the tests added.
 */
export class TestDirectoryDurableObject extends DirectoryDurableObject {
  clockAheadMs = 0;

  protected override now(): number {
    return Date.now() + this.clockAheadMs;
  }
}
