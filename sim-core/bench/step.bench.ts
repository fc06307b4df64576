// Entity-steps per second of the wasm build vs the TypeScript reference, every entity given an input every step
// (the worst case of a room: all players moving). Run: npm run bench -w sim-core (needs build/sim.wasm).

import { type MovementSim, ReferenceMovementSim, WasmMovementSim } from "../src/index.ts";
import { loadSimModuleFromDisk } from "../src/node-loader.ts";

/** 64 is a full room; 1k–16k show how the step scales (16k = every slot of the wasm build). */
const ENTITY_COUNTS = [64, 1024, 4096, 16384] as const;
/** Long enough for the JIT to tier up both implementations before measuring. */
const WARM_UP_MS = 150;
/** Per case; 8 cases × (1 s + warm-up) keeps the whole bench under 15 s. */
const BUDGET_MS = 1000;

interface Result {
  entities: number;
  impl: string;
  entityStepsPerSecond: number;
  microsPerStep: number;
}

const simModule = loadSimModuleFromDisk();
const implementations: readonly (readonly [string, () => MovementSim])[] = [
  ["wasm", () => WasmMovementSim.fromModule(simModule)],
  ["ts", () => new ReferenceMovementSim()],
];

function populate(sim: MovementSim, entities: number): void {
  for (let slot = 0; slot < entities; slot++) sim.spawn(slot, (slot % 128) - 64, Math.floor(slot / 128) - 64, 0, 0);
}

/** Steps with every entity holding a direction that changes every 16 steps, so entities keep moving and turning. */
function runSteps(sim: MovementSim, entities: number, fromStep: number, untilMs: number): number {
  let step = fromStep;
  while (performance.now() < untilMs) {
    for (let slot = 0; slot < entities; slot++) sim.setInput(slot, (slot + (step >> 4)) & 0xf);
    sim.step();
    step++;
  }
  return step - fromStep;
}

function measure(impl: string, make: () => MovementSim, entities: number): Result {
  const sim = make();
  populate(sim, entities);
  const warmSteps = runSteps(sim, entities, 0, performance.now() + WARM_UP_MS);
  const start = performance.now();
  const steps = runSteps(sim, entities, warmSteps, start + BUDGET_MS);
  const elapsedMs = performance.now() - start;
  return {
    entities,
    impl,
    entityStepsPerSecond: (steps * entities * 1000) / elapsedMs,
    microsPerStep: (elapsedMs * 1000) / steps,
  };
}

function formatRate(rate: number): string {
  return `${(rate / 1e6).toFixed(1)} M/s`;
}

const results: Result[] = [];
for (const entities of ENTITY_COUNTS) {
  for (const [impl, make] of implementations) {
    const result = measure(impl, make, entities);
    results.push(result);
    const rate = formatRate(result.entityStepsPerSecond);
    console.log(`${impl.padEnd(4)} ${String(entities).padStart(5)} entities: ${rate}`);
  }
}

console.log("\n(µs/step includes one setInput call per entity)");
console.log("entities | wasm entity-steps/s | ts entity-steps/s | wasm µs/step | ts µs/step | wasm/ts");
console.log("---------|---------------------|-------------------|--------------|------------|--------");
for (const entities of ENTITY_COUNTS) {
  const wasm = results.find((r) => r.entities === entities && r.impl === "wasm")!;
  const ts = results.find((r) => r.entities === entities && r.impl === "ts")!;
  console.log(
    [
      String(entities).padStart(8),
      formatRate(wasm.entityStepsPerSecond).padStart(19),
      formatRate(ts.entityStepsPerSecond).padStart(17),
      wasm.microsPerStep.toFixed(1).padStart(12),
      ts.microsPerStep.toFixed(1).padStart(10),
      `${(wasm.entityStepsPerSecond / ts.entityStepsPerSecond).toFixed(2)}×`.padStart(7),
    ].join(" | "),
  );
}
