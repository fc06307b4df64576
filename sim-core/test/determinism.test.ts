import { describe, expect, it } from "vitest";
import { InputBit, type Sim, type SimBodies, WasmSim, runDeterminismScenario } from "../src/index.ts";
import { COMBAT_SCENARIO, DETERMINISM_SCENARIO, GOLDEN, GOLDEN_COMBAT, GOLDEN_PLAZA, PLAZA_SCENARIO } from "./golden.ts";
import { simModule } from "./load-wasm.ts";

const makeSim = () => WasmSim.fromModule(simModule);

/** The same sim, with some of its bodies' methods replaced (each replacement gets the real bodies). */
function withBodies(sim: Sim, replace: (bodies: SimBodies) => Partial<SimBodies>): Sim {
  const replaced: Partial<Record<PropertyKey, unknown>> = replace(sim.bodies);
  const bound = (target: object, key: PropertyKey) => {
    const value: unknown = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const bodies = new Proxy(sim.bodies, { get: (target, key) => replaced[key] ?? bound(target, key) });
  return new Proxy(sim, { get: (target, key) => (key === "bodies" ? bodies : bound(target, key)) });
}

/** Wraps a sim so that the `nth` effective setInput (to an active slot) has `bit` flipped. */
function flipInputBit(sim: Sim, nth: number, bit: number): Sim {
  let seen = 0;
  return withBodies(sim, (bodies) => ({
    setInput(slot, bits, aimX, aimY) {
      if (bodies.isActive(slot) && seen++ === nth) bits ^= bit;
      bodies.setInput(slot, bits, aimX, aimY);
    },
  }));
}

/** Wraps a sim so that its bodies' own steps do nothing (catch-ups lost; their inputs wait for the next step). */
function withoutStepBody(sim: Sim): Sim {
  return withBodies(sim, () => ({ step: () => undefined }));
}

describe("determinism: 10,000 random inputs among random tiles and walls (Node)", () => {
  const result = runDeterminismScenario(makeSim(), DETERMINISM_SCENARIO);

  it("sim.wasm matches the golden result", () => {
    expect(result.steps).toBeGreaterThan(300);
    expect(result).toEqual(GOLDEN);
  });

  it("a run is repeatable", () => {
    expect(runDeterminismScenario(makeSim(), DETERMINISM_SCENARIO)).toEqual(result);
  });

  it("one flipped direction bit in one input changes the hash", () => {
    const flipped = runDeterminismScenario(flipInputBit(makeSim(), 5000, InputBit.right), DETERMINISM_SCENARIO);
    expect(flipped.rollingHash).not.toBe(GOLDEN.rollingHash);
  });

  it("one flipped junk bit changes nothing", () => {
    expect(runDeterminismScenario(flipInputBit(makeSim(), 5000, 1 << 5), DETERMINISM_SCENARIO)).toEqual(GOLDEN);
  });

  it("the fire bit changes nothing for bodies without a weapon (this scenario never arms one)", () => {
    expect(runDeterminismScenario(flipInputBit(makeSim(), 5000, InputBit.fire), DETERMINISM_SCENARIO)).toEqual(GOLDEN);
  });

  it("the catch-up steps take part: without them the hash differs", () => {
    const skipped = runDeterminismScenario(withoutStepBody(makeSim()), DETERMINISM_SCENARIO);
    expect(skipped.rollingHash).not.toBe(GOLDEN.rollingHash);
  });

  it("the same inputs without the tiles give another result (the tiles take part)", () => {
    const withoutTiles = runDeterminismScenario(makeSim(), { ...DETERMINISM_SCENARIO, tiles: 0 });
    expect(withoutTiles.finalHash).not.toBe(GOLDEN.finalHash);
  });

  it("another seed gives another result", () => {
    const options = { ...DETERMINISM_SCENARIO, seed: DETERMINISM_SCENARIO.seed + 1 };
    expect(runDeterminismScenario(makeSim(), options).rollingHash).not.toBe(GOLDEN.rollingHash);
  });
});

describe("determinism: the same with fighting bodies (projectiles, hits, crits, rewinds, tile damage) (Node)", () => {
  const result = runDeterminismScenario(makeSim(), COMBAT_SCENARIO);

  it("sim.wasm matches the golden combat result", () => {
    expect(result.events).toBeGreaterThan(500);
    expect(result).toEqual(GOLDEN_COMBAT);
  });

  it("a run is repeatable", () => {
    expect(runDeterminismScenario(makeSim(), COMBAT_SCENARIO)).toEqual(result);
  });

  it("one flipped fire bit changes the fight", () => {
    // Around the 3000th input: a fire bit set or cleared on a body that can then fire (or no longer does).
    const flipped = [2990, 2995, 3000, 3005].map((nth) => runDeterminismScenario(flipInputBit(makeSim(), nth, InputBit.fire), COMBAT_SCENARIO));
    expect(flipped.some((r) => r.eventsHash !== GOLDEN_COMBAT.eventsHash && r.rollingHash !== GOLDEN_COMBAT.rollingHash)).toBe(true);
  });

  it("another seed gives another fight", () => {
    const options = { ...COMBAT_SCENARIO, seed: COMBAT_SCENARIO.seed + 1 };
    expect(runDeterminismScenario(makeSim(), options).eventsHash).not.toBe(GOLDEN_COMBAT.eventsHash);
  });
});

describe("determinism: a 512 m plaza with 1,000 fighting bodies in squads all over it (Node)", () => {
  const result = runDeterminismScenario(makeSim(), PLAZA_SCENARIO);

  it("sim.wasm matches the golden plaza result", () => {
    expect(result.events).toBeGreaterThan(3000);
    expect(result).toEqual(GOLDEN_PLAZA);
  });

  it("the world takes part: the same run in the default 128 m world differs", () => {
    const { world: _plaza, ...inDefaultWorld } = PLAZA_SCENARIO;
    expect(runDeterminismScenario(makeSim(), inDefaultWorld).rollingHash).not.toBe(GOLDEN_PLAZA.rollingHash);
  });
});
