import { SERVER_FEATURES } from "../../src/features/registry.ts";
import type { AnyServerFeature } from "../../src/features/server-feature.ts";
import { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import worker from "../../src/index.ts";
import { combatServer, createCombatServer } from "../../src/features/combat/combat-server.ts";
import { counterServer } from "./counter-feature.ts";

/**
 * The workerd tests' entry: the real worker, unchanged, plus a room class that runs one more feature, defined
 * only in test code (bound as COUNTER_ROOMS in vitest.config.ts), the lag-compensation test's rooms (below),
 * rooms with their own creature population (the tests' env sets CREATURE_POPULATION=0 for the ordinary room), and a
 * room that closes non-reading connections sooner.
 */
export * from "../../src/index.ts";
export default worker;

export class CounterRoomDurableObject extends RoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return [...SERVER_FEATURES, counterServer];
  }
}

/** A room class whose env says CREATURE_POPULATION = `population` (undefined: not set, the default applies). */
function withPopulation(population: string | undefined) {
  return class extends RoomDurableObject {
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

export class LagTestRoomDurableObject extends RoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return withCombat({ playerMaxHp: 10_000 });
  }
}

export class UncompensatedLagTestRoomDurableObject extends RoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return withCombat({ playerMaxHp: 10_000, lagCompensation: false });
  }
}

/**
 * The flow-control tests' room (worker/test/reading-confirmation.test.ts): the real room, but a connection that does
 * not read is closed after 5 s instead of 15, so the test takes seconds. The 2 s lag rule keeps its default.
 */
export class FlowTestRoomDurableObject extends RoomDurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, { ...env, SNAPSHOT_LAG_CLOSE_MS: String(FLOW_TEST_CLOSE_MS) } as Env);
  }
}

export const FLOW_TEST_CLOSE_MS = 5_000;
