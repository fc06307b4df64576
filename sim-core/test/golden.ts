import type { ScenarioOptions, ScenarioResult } from "../src/index.ts";

/**
 * The determinism scenario every host runs (Node here; workerd and Chromium suites import these too) and the
 * result it must produce there, bit for bit. The numbers change only when the movement rules, the constants, the
 * hash or the scenario change on purpose: then re-run this suite, check both implementations still agree, and
 * update GOLDEN in the same commit.
 */
export const DETERMINISM_SCENARIO: ScenarioOptions = { seed: 0x5eed, inputs: 10_000, entities: 32 };

export const GOLDEN: ScenarioResult = {
  finalHash: 0x07ac7f89,
  rollingHash: 0x506bfc60,
  steps: 470,
};
