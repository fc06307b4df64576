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

/**
 * A `plaza`: the sim's largest world (512 m, tiles -256..255) with 1,000 fighting bodies in squads of 10 scattered
 * over it, 4,000 random tiles and as many in walls: every projectile meets bodies through the body grid
 * (body-grid.ts), far from the origin, in every host. About 4,000 events over 61 steps.
 */
export const PLAZA_SCENARIO: ScenarioOptions = {
  seed: 0x91a2a,
  inputs: 40_000,
  entities: 1000,
  tiles: 4000,
  combat: true,
  world: { minTile: -256, maxTile: 255 },
  squad: 10,
};

export const GOLDEN_PLAZA: ScenarioResult = {
  finalHash: 0x53f27de1,
  tilesHash: 0x9c66defe,
  rollingHash: 0xade58e53,
  steps: 61,
  eventsHash: 0xc3993a70,
  events: 4023,
};
