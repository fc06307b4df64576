import { describe, expect, it } from "vitest";
import type { MovementInput } from "@edgehold/protocol";
import { type Sim, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";

/** A sim that counts its world steps (what would advance autonomous things: projectiles, creatures). */
function countingWorldSteps(sim: Sim): { sim: Sim; worldSteps: () => number } {
  let worldSteps = 0;
  const counted = new Proxy(sim, {
    get(target, key) {
      if (key === "step") {
        return () => {
          worldSteps++;
          target.step();
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { sim: counted, worldSteps: () => worldSteps };
}

function held(count: number, fromSeq = 1): MovementInput[] {
  return Array.from({ length: count }, (_, i) => ({ seq: fromSeq + i, up: false, down: false, left: false, right: true }));
}

describe("RoomWorld.step with a player catching up", () => {
  it("runs one world step per tick: the catch-up is a step of the catching-up body alone", () => {
    const { sim, worldSteps } = countingWorldSteps(WasmSim.fromModule(simModule));
    const world = new RoomWorld(sim, 0);
    const behind = world.join("behind", defaultCharacter("behind", "Behind"), undefined, false);
    const steady = world.join("steady", defaultCharacter("steady", "Steady"), undefined, false);
    // The room's loop dropped 20 steps: "behind" may catch up on them and has a burst of inputs queued.
    world.creditDroppedSteps(20);
    behind.inputs.push(held(30));
    const steadyAt = { x: sim.bodies.x(steady.slot), y: sim.bodies.y(steady.slot) };
    for (let tick = 0; tick < 10; tick++) world.step();
    // "behind" applied more inputs than ticks; "steady" sent none and did not move; the world stepped once a tick.
    expect(behind.inputs.lastAppliedSeq).toBeGreaterThan(10);
    expect({ x: sim.bodies.x(steady.slot), y: sim.bodies.y(steady.slot) }).toEqual(steadyAt);
    expect(worldSteps()).toBe(10);
  });
});
