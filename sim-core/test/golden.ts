import type { ScenarioOptions, ScenarioResult } from "../src/index.ts";

/**
 * The determinism scenario every host runs (Node here; workerd and Chromium suites import these too) and the
 * result sim.wasm must produce there, bit for bit. The numbers change only when the simulation's rules, the
 * constants, the hash or the scenario change on purpose: then re-run this suite and update GOLDEN in the same
 * commit, saying why in its message. Node, workerd (worker/test/sim-determinism.test.ts) and Chromium
 * (sim-core/e2e) must all reproduce the new numbers.
 */
export const DETERMINISM_SCENARIO: ScenarioOptions = { seed: 0x5eed, inputs: 10_000, entities: 32, tiles: 1500 };

export const GOLDEN: ScenarioResult = {
  finalHash: 0x91d33a6b,
  tilesHash: 0x5a0df613,
  rollingHash: 0x056d3443,
  steps: 468,
};

/**
 * The same run with fighting bodies (ScenarioOptions.combat): ~350 shots of every weapon, ~80 body hits with
 * crits and splash, deaths and revivals, rewinds, replayed shots, tiles damaged and destroyed, every event hashed.
 * Reproduced bit for bit by Node, workerd and Chromium like GOLDEN.
 */
export const COMBAT_SCENARIO: ScenarioOptions = { seed: 0xc0b47, inputs: 10_000, entities: 32, tiles: 1500, combat: true };

export const GOLDEN_COMBAT: ScenarioResult = {
  finalHash: 0xc65130d6,
  tilesHash: 0x4fdb4617,
  rollingHash: 0x4fe425a1,
  steps: 475,
  eventsHash: 0x4c74f640,
  events: 721,
};
