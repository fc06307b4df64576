// The combat contract of the simulation (sim-core/assembly/combat.ts, projectiles.ts, weapons.ts; the rules are
// stated there), as host-neutral cases: Node (wasm-sim.test.ts via combat-contract.ts), workerd
// (worker/test/sim-determinism.test.ts) and Chromium (sim-core/e2e) run every one of them on the same sim.wasm.
// Nothing here imports vitest or a host API; failures throw (check.ts).

import type { CombatCase } from "./combat-case-helpers.ts";
import { FIRING_CASES } from "./combat-cases-firing.ts";
import { HIT_CASES } from "./combat-cases-hits.ts";
import { RULE_CASES } from "./combat-cases-rules.ts";

export type { CombatCase } from "./combat-case-helpers.ts";

/** Every case, in the order the hosts report them. */
export const COMBAT_CASES: readonly CombatCase[] = [...FIRING_CASES, ...HIT_CASES, ...RULE_CASES];
