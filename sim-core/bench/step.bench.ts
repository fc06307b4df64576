// Entity-steps per second of sim.wasm, every body given an input every step (the worst case of a room: all players
// moving), in an open world and among 10,000 blocking tiles; then projectile-steps per second: 1,000 projectiles in
// flight among 64 bodies, open and among the 10,000 tiles; then the cost of reading every body as the room does each
// tick, call by call and through typed-array views. Run: npm run bench -w sim-core (needs build/sim.wasm).

import { DEFAULT_WORLD, InputBit, MAX_STAMINA, type Sim, TileKind, WasmSim, Weapon, mulberry32 } from "../src/index.ts";
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
function placeTiles(sim: WasmSim, count: number, hp?: number): void {
  const random = mulberry32(0x7115);
  // The default 128 m world's tiles (every sim starts with it).
  const { minTile, maxTile } = DEFAULT_WORLD;
  const span = maxTile - minTile + 1;
  while (sim.tiles.blockingCount < count) {
    const [tx, ty] = [minTile + (random() % span), minTile + (random() % span)];
    if (sim.tiles.kind(tx, ty) === TileKind.empty) sim.tiles.set(tx, ty, random() & 1 ? TileKind.wall : TileKind.crate, hp);
  }
}

function populate(sim: WasmSim, entities: number): void {
  for (let slot = 0; slot < entities; slot++) sim.bodies.spawn(slot, (slot % 128) - 64, Math.floor(slot / 128) - 64, 0, 0);
}

/** Steps with every entity holding a direction that changes every 16 steps, so entities keep moving and turning. */
function runSteps(sim: WasmSim, entities: number, fromStep: number, untilMs: number): number {
  let step = fromStep;
  while (performance.now() < untilMs) {
    for (let slot = 0; slot < entities; slot++) sim.bodies.setInput(slot, (slot + (step >> 4)) & 0xf);
    sim.step();
    step++;
  }
  return step - fromStep;
}

function measure(world: World, entities: number): Result {
  const sim = WasmSim.fromModule(simModule);
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

// Projectile-steps per second: PROJECTILES arrows kept in flight among PROJECTILE_BODIES bodies. Between world steps
// (untimed) the bodies fire catch-up shots (bodies.step with the cooldown reset) until PROJECTILES are in flight again
// and the events are drained, as a room does every tick; only step() is timed, and its 64 body steps are included.
/** The figure: 1,000 projectiles among a full room of 64 bodies. */
const PROJECTILES = 1000;
const PROJECTILE_BODIES = 64;
/** Arrows: the fastest and longest-lived projectile, so each step walks the most tiles. */
const PROJECTILE_WEAPON = Weapon.arrow;
/** Bodies and tiles never die, so the world stays the same throughout. */
const UNBREAKABLE = 1_000_000_000;

function inFlight(sim: WasmSim): number {
  let count = 0;
  for (let p = 0; p < sim.projectiles.end; p++) if (sim.projectiles.isActive(p)) count++;
  return count;
}

function measureProjectiles(world: World): { projectileStepsPerSecond: number; microsPerStep: number; hitsPerStep: number } {
  const sim = WasmSim.fromModule(simModule);
  placeTiles(sim, world.tiles, UNBREAKABLE);
  const random = mulberry32(0xa770);
  for (let slot = 0; slot < PROJECTILE_BODIES; slot++) {
    // A 32 m square in the middle of the world: arrows fly through the crowd and out among the tiles.
    sim.bodies.spawn(slot, (random() % 32) - 16, (random() % 32) - 16, 0, 0);
    sim.combat.arm(slot, PROJECTILE_WEAPON, UNBREAKABLE);
  }
  let [timedMs, projectileSteps, steps, hits, shooter] = [0, 0, 0, 0, 0];
  const run = (untilMs: number) => {
    while (performance.now() < untilMs) {
      for (let n = inFlight(sim); n < PROJECTILES; n++) {
        const slot = shooter++ % PROJECTILE_BODIES;
        sim.combat.setCooldown(slot, 0);
        sim.combat.setStamina(slot, MAX_STAMINA);
        sim.bodies.setInput(slot, InputBit.fire, (random() % 2001) - 1000, (random() % 2001) - 1000);
        sim.bodies.step(slot);
      }
      sim.combat.drainEvents();
      for (let slot = 0; slot < PROJECTILE_BODIES; slot++) sim.bodies.setInput(slot, (slot + (steps >> 4)) & 0xf);
      const flying = inFlight(sim);
      const start = performance.now();
      sim.step();
      timedMs += performance.now() - start;
      projectileSteps += flying;
      steps++;
      hits += sim.combat.drainEvents().filter((e) => e.type === "hit" || e.type === "tile_hit").length;
    }
  };
  run(performance.now() + WARM_UP_MS);
  [timedMs, projectileSteps, steps, hits] = [0, 0, 0, 0];
  run(performance.now() + BUDGET_MS);
  return { projectileStepsPerSecond: (projectileSteps * 1000) / timedMs, microsPerStep: (timedMs * 1000) / steps, hitsPerStep: hits / steps };
}

console.log(`\n${PROJECTILES} arrows in flight among ${PROJECTILE_BODIES} moving bodies (µs/step: one step(), bodies included)`);
console.log("world     | projectile-steps/s | µs/step | hits per step");
console.log("----------|--------------------|---------|--------------");
for (const world of WORLDS) {
  const result = measureProjectiles(world);
  console.log(
    [
      world.name.padEnd(9),
      formatRate(result.projectileStepsPerSecond).padStart(18),
      result.microsPerStep.toFixed(1).padStart(7),
      result.hitsPerStep.toFixed(0).padStart(13),
    ].join(" | "),
  );
}

// Reading every body the way the room's channels and creatures do each tick: the movement channel (x, y, vx, vy), the
// combat channel (hp, alive, stamina) and the creatures' perception (alive, spawn-protected, x, y) — 11 reads per
// body, once through the per-slot getters (one wasm call each) and once through bodies.view() and combat.view().
/** A full room and a crowd: the per-body cost shows at both. */
const READ_BODY_COUNTS = [64, 1024] as const;
/** What a read result goes into, so the JIT cannot drop the reads. */
let readSink = 0;

function readWithGetters(sim: Sim, slots: readonly number[]): void {
  const { bodies, combat } = sim;
  for (const slot of slots) {
    readSink += bodies.x(slot) + bodies.y(slot) + bodies.vx(slot) + bodies.vy(slot);
    readSink += combat.hp(slot) + (combat.isAlive(slot) ? 1 : 0) + combat.stamina(slot);
    if (combat.isAlive(slot) && !combat.isSpawnProtected(slot)) readSink += bodies.x(slot) + bodies.y(slot);
  }
}

function readWithViews(sim: Sim, slots: readonly number[]): void {
  const { active, x, y, vx, vy } = sim.bodies.view();
  const { hp, alive, stamina, spawnProtected } = sim.combat.view();
  for (const slot of slots) {
    readSink += x[slot]! + y[slot]! + vx[slot]! + vy[slot]!;
    readSink += hp[slot]! + (active[slot] && alive[slot] ? 1 : 0) + stamina[slot]!;
    if (active[slot] && alive[slot] && !spawnProtected[slot]) readSink += x[slot]! + y[slot]!;
  }
}

/** µs per pass over `count` armed, moving bodies. */
function measureReads(count: number, read: (sim: Sim, slots: readonly number[]) => void): number {
  const sim = WasmSim.fromModule(simModule);
  populate(sim, count);
  for (let slot = 0; slot < count; slot++) sim.combat.arm(slot, Weapon.arrow, 100);
  runSteps(sim, count, 0, performance.now() + 20);
  const slots = Array.from({ length: count }, (_, slot) => slot);
  const timed = (untilMs: number) => {
    let passes = 0;
    while (performance.now() < untilMs) {
      for (let i = 0; i < 100; i++) read(sim, slots);
      passes += 100;
    }
    return passes;
  };
  timed(performance.now() + WARM_UP_MS);
  const start = performance.now();
  const passes = timed(start + BUDGET_MS / 2);
  return ((performance.now() - start) * 1000) / passes;
}

console.log("\nreading every body as a tick does (movement + combat channels + perception: 11 reads per body)");
console.log("bodies | getters µs/pass | views µs/pass | views/getters");
console.log("-------|----------------|---------------|--------------");
for (const count of READ_BODY_COUNTS) {
  const getters = measureReads(count, readWithGetters);
  const views = measureReads(count, readWithViews);
  console.log(
    [String(count).padStart(6), getters.toFixed(2).padStart(14), views.toFixed(2).padStart(13), `${(views / getters).toFixed(2)}×`.padStart(13)].join(" | "),
  );
}
if (Number.isNaN(readSink)) console.log("(unreachable: keeps the reads alive)");
