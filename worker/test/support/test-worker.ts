import { SERVER_FEATURES } from "../../src/features/registry.ts";
import type { AnyServerFeature } from "../../src/features/server-feature.ts";
import { RoomDurableObject } from "../../src/room/room-durable-object.ts";
import worker from "../../src/index.ts";
import { counterServer } from "./counter-feature.ts";

/**
 * The workerd tests' entry: the real worker, unchanged, plus a room class that runs one more feature, defined
 * only in test code (bound as COUNTER_ROOMS in vitest.config.ts).
 */
export * from "../../src/index.ts";
export default worker;

export class CounterRoomDurableObject extends RoomDurableObject {
  protected override serverFeatures(): readonly AnyServerFeature[] {
    return [...SERVER_FEATURES, counterServer];
  }
}
