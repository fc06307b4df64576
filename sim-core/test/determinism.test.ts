import { describe, expect, it } from "vitest";
import {
  InputBit,
  type MovementSim,
  ReferenceMovementSim,
  WasmMovementSim,
  runDeterminismScenario,
} from "../src/index.ts";
import { DETERMINISM_SCENARIO, GOLDEN } from "./golden.ts";
import { simModule } from "./load-wasm.ts";

const implementations: readonly (readonly [string, () => MovementSim])[] = [
  ["ReferenceMovementSim", () => new ReferenceMovementSim()],
  ["WasmMovementSim", () => WasmMovementSim.fromModule(simModule)],
];

/** Wraps a sim so that the `nth` effective setInput (to an active slot) has `bit` flipped. */
function flipInputBit(sim: MovementSim, nth: number, bit: number): MovementSim {
  let seen = 0;
  return new Proxy(sim, {
    get(target, key) {
      if (key === "setInput") {
        return (slot: number, bits: number) => {
          if (target.isActive(slot) && seen++ === nth) bits ^= bit;
          target.setInput(slot, bits);
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("determinism: 10,000 random inputs", () => {
  const results = implementations.map(
    ([name, make]) => [name, runDeterminismScenario(make(), DETERMINISM_SCENARIO)] as const,
  );

  it.each(results)("%s matches the golden result", (_name, result) => {
    expect(result.steps).toBeGreaterThan(300);
    expect(result).toEqual(GOLDEN);
  });

  it("the reference and the wasm build agree bit for bit", () => {
    expect(results[0]![1]).toEqual(results[1]![1]);
  });

  it.each(implementations)("%s: a run is repeatable", (_name, make) => {
    const first = runDeterminismScenario(make(), DETERMINISM_SCENARIO);
    expect(runDeterminismScenario(make(), DETERMINISM_SCENARIO)).toEqual(first);
  });

  it.each(implementations)("%s: one flipped direction bit in one input changes the hash", (_name, make) => {
    const flipped = runDeterminismScenario(flipInputBit(make(), 5000, InputBit.right), DETERMINISM_SCENARIO);
    expect(flipped.rollingHash).not.toBe(GOLDEN.rollingHash);
  });

  it.each(implementations)("%s: one flipped junk bit changes nothing", (_name, make) => {
    expect(runDeterminismScenario(flipInputBit(make(), 5000, 1 << 4), DETERMINISM_SCENARIO)).toEqual(GOLDEN);
  });

  it("another seed gives another result", () => {
    const options = { ...DETERMINISM_SCENARIO, seed: DETERMINISM_SCENARIO.seed + 1 };
    const other = runDeterminismScenario(new ReferenceMovementSim(), options);
    expect(other.rollingHash).not.toBe(GOLDEN.rollingHash);
  });
});
