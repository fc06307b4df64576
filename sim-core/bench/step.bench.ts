// Entity-steps per second of sim.wasm, every body given an input every step (the worst case of a room: all players
// moving), in an open world and among 10,000 blocking tiles. Run: npm run bench -w sim-core (needs build/sim.wasm).

import { TILE_MAX, TILE_MIN, TileKind, WasmMovementSim, mulberry32 } from "../src/index.ts";
import { loadSimModuleFromDisk } from "../src/node-loader.ts";

/** 64 is a full room; 1k–16k show how the step scales (16k = every slot of the wasm build). */
const ENTITY_COUNTS = [64, 1024, 4096, 16384] as const;
/** Long enough for the JIT to tier up the host's calls into the module before measuring. */
const WARM_UP_MS = 150;
/** Per case; 8 cases × (1 s + warm-up) keeps the whole bench under 15 s. */
const BUDGET_MS = 1000;
/**
 * The room's structure limit: this many walls and crates, scattered over the 16,384 tiles of the world (61 % of
 * them). The collision worst case: ~99 % of body-steps stop on at least one axis, ~72 % do not move at all, so
 * nearly every step of every body tests tiles.
 */
const BLOCKING_TILES = 10_000;

interface World {
  name: string;
  tiles: number;
}

const WORLDS: readonly World[] = [
  { name: "open", tiles: 0 },
  { name: "10k tiles", tiles: BLOCKING_TILES },
];

interface Result {
  entities: number;
  world: string;
  entityStepsPerSecond: number;
  microsPerStep: number;
}

const simModule = loadSimModuleFromDisk();

/** Scatters `count` walls and crates over distinct tiles, the same ones on every run. */
function placeTiles(sim: WasmMovementSim, count: number): void {
  const random = mulberry32(0x7115);
  const span = TILE_MAX - TILE_MIN + 1;
  while (sim.blockingTileCount < count) {
    const [tx, ty] = [TILE_MIN + (random() % span), TILE_MIN + (random() % span)];
    if (sim.tile(tx, ty) === TileKind.empty) sim.setTile(tx, ty, random() & 1 ? TileKind.wall : TileKind.crate);
  }
}

function populate(sim: WasmMovementSim, entities: number): void {
  for (let slot = 0; slot < entities; slot++) sim.spawn(slot, (slot % 128) - 64, Math.floor(slot / 128) - 64, 0, 0);
}

/** Steps with every entity holding a direction that changes every 16 steps, so entities keep moving and turning. */
function runSteps(sim: WasmMovementSim, entities: number, fromStep: number, untilMs: number): number {
  let step = fromStep;
  while (performance.now() < untilMs) {
    for (let slot = 0; slot < entities; slot++) sim.setInput(slot, (slot + (step >> 4)) & 0xf);
    sim.step();
    step++;
  }
  return step - fromStep;
}

function measure(world: World, entities: number): Result {
  const sim = WasmMovementSim.fromModule(simModule);
  placeTiles(sim, world.tiles);
  populate(sim, entities);
  const warmSteps = runSteps(sim, entities, 0, performance.now() + WARM_UP_MS);
  const start = performance.now();
  const steps = runSteps(sim, entities, warmSteps, start + BUDGET_MS);
  const elapsedMs = performance.now() - start;
  return {
    entities,
    world: world.name,
    entityStepsPerSecond: (steps * entities * 1000) / elapsedMs,
    microsPerStep: (elapsedMs * 1000) / steps,
  };
}

function formatRate(rate: number): string {
  return `${(rate / 1e6).toFixed(1)} M/s`;
}

const results: Result[] = [];
for (const entities of ENTITY_COUNTS) {
  for (const world of WORLDS) {
    const result = measure(world, entities);
    results.push(result);
    console.log(`wasm ${world.name.padEnd(9)} ${String(entities).padStart(5)} entities: ${formatRate(result.entityStepsPerSecond)}`);
  }
}

console.log("\n(µs/step includes one setInput call per entity)");
console.log("entities | open entity-steps/s | 10k tiles entity-steps/s | open µs/step | 10k tiles µs/step | tiles/open");
console.log("---------|---------------------|--------------------------|--------------|-------------------|-----------");
for (const entities of ENTITY_COUNTS) {
  const open = results.find((r) => r.entities === entities && r.world === "open")!;
  const tiled = results.find((r) => r.entities === entities && r.world === "10k tiles")!;
  console.log(
    [
      String(entities).padStart(8),
      formatRate(open.entityStepsPerSecond).padStart(19),
      formatRate(tiled.entityStepsPerSecond).padStart(24),
      open.microsPerStep.toFixed(1).padStart(12),
      tiled.microsPerStep.toFixed(1).padStart(17),
      `${(tiled.entityStepsPerSecond / open.entityStepsPerSecond).toFixed(2)}×`.padStart(10),
    ].join(" | "),
  );
}
