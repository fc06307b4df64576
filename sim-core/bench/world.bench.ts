// Steps per second of whole rooms: every body moving and firing its weapon whenever its cooldown and stamina allow
// (the busiest a room gets), among scattered walls and crates. A 128 m `room` of 64 players, and a 512 m `plaza` of
// 1,000 players scattered over it, in squads of 10 so that shots meet bodies all over the world (projectiles find the
// bodies near them through the body grid, sim-core/assembly/body-grid.ts). The room's tick budget is 33 ms at 30 Hz.
// Run: npm run bench -w sim-core (needs build/sim.wasm).

import { DEFAULT_WORLD, InputBit, TILE_MAX, TILE_MIN, TileKind, WasmSim, Weapon, type WorldBounds, mulberry32 } from "../src/index.ts";
import { loadSimModuleFromDisk } from "../src/node-loader.ts";

/** Long enough for the JIT to tier up and for the projectiles in flight to reach their steady number. */
const WARM_UP_MS = 400;
const BUDGET_MS = 2000;
const WEAPONS = [Weapon.axe, Weapon.arrow, Weapon.bolt, Weapon.dagger] as const;
/** Hit points high enough that nobody dies during the run: the load stays the same throughout. */
const UNBREAKABLE = 1_000_000_000;

interface RoomLoad {
  name: string;
  world: WorldBounds;
  bodies: number;
  /** Bodies per squad: a squad stands within ±SQUAD_SPREAD m of its centre and aims at its own members. */
  squad: number;
  /** Blocking tiles scattered over the world (a structure-limited room has up to 10,000). */
  tiles: number;
}

const SQUAD_SPREAD = 10;
const LOADS: readonly RoomLoad[] = [
  { name: "room 128 m", world: DEFAULT_WORLD, bodies: 64, squad: 64, tiles: 2000 },
  { name: "plaza 512 m", world: { minTile: TILE_MIN, maxTile: TILE_MAX }, bodies: 1000, squad: 10, tiles: 8000 },
];

const simModule = loadSimModuleFromDisk();

interface Result {
  stepsPerSecond: number;
  microsPerStep: number;
  /** step() alone (the sim's own work, without the host's calls that feed it). */
  stepMicros: number;
  inFlight: number;
  hitsPerStep: number;
}

/** Projectiles in flight now. */
function countInFlight(sim: WasmSim): number {
  const { active, end } = sim.projectiles.view();
  let count = 0;
  for (let p = 0; p < end; p++) count += active[p]!;
  return count;
}

function measure(load: RoomLoad, module = simModule): Result {
  const sim = WasmSim.fromModule(module);
  sim.setWorld(load.world);
  const random = mulberry32(0x91a2a);
  const { minTile, maxTile } = load.world;
  const span = maxTile - minTile + 1;
  while (sim.tiles.blockingCount < load.tiles) sim.tiles.set(minTile + (random() % span), minTile + (random() % span), TileKind.wall, UNBREAKABLE);
  const squads = Math.ceil(load.bodies / load.squad);
  const centre = (i: number) => (squads === 1 ? 0 : minTile + SQUAD_SPREAD + (((i * 7919) % squads) / squads) * (span - 2 * SQUAD_SPREAD));
  const spread = () => ((random() % 2001) / 1000 - 1) * SQUAD_SPREAD;
  for (let slot = 0; slot < load.bodies; slot++) {
    const squad = Math.floor(slot / load.squad);
    sim.bodies.spawn(slot, centre(squad) + spread(), centre(squad + squads) + spread(), 0, 0);
    sim.combat.arm(slot, WEAPONS[slot % WEAPONS.length]!, UNBREAKABLE);
  }
  let [steps, inFlight, hits, stepMs] = [0, 0, 0, 0];
  const run = (untilMs: number) => {
    let elapsed = 0;
    while (performance.now() < untilMs) {
      const start = performance.now();
      for (let slot = 0; slot < load.bodies; slot++) {
        const target = Math.floor(slot / load.squad) * load.squad + ((slot + steps) % Math.min(load.squad, load.bodies));
        const aimX = sim.bodies.x(target) - sim.bodies.x(slot) + 0.5;
        const aimY = sim.bodies.y(target) - sim.bodies.y(slot);
        sim.bodies.setInput(slot, ((slot + (steps >> 4)) & 0xf) | InputBit.fire, aimX, aimY);
      }
      const stepStart = performance.now();
      sim.step();
      stepMs += performance.now() - stepStart;
      hits += sim.combat.drainEvents().filter((e) => e.type === "hit").length;
      elapsed += performance.now() - start;
      inFlight += countInFlight(sim);
      steps++;
    }
    return elapsed;
  };
  run(performance.now() + WARM_UP_MS);
  [steps, inFlight, hits, stepMs] = [0, 0, 0, 0];
  const elapsedMs = run(performance.now() + BUDGET_MS);
  return {
    stepsPerSecond: (steps * 1000) / elapsedMs,
    microsPerStep: (elapsedMs * 1000) / steps,
    stepMicros: (stepMs * 1000) / steps,
    inFlight: inFlight / steps,
    hitsPerStep: hits / steps,
  };
}

console.log("\nwhole rooms: every body moving and firing (a step: every body's input, step() and draining the events)");
console.log("world       | bodies | steps/s | µs/step | step() µs | projectiles in flight | hits per step");
console.log("------------|--------|---------|---------|-----------|-----------------------|--------------");
for (const load of LOADS) {
  const result = measure(load);
  console.log(
    [
      load.name.padEnd(11),
      String(load.bodies).padStart(6),
      result.stepsPerSecond.toFixed(0).padStart(7),
      result.microsPerStep.toFixed(0).padStart(7),
      result.stepMicros.toFixed(0).padStart(9),
      result.inFlight.toFixed(0).padStart(21),
      result.hitsPerStep.toFixed(1).padStart(13),
    ].join(" | "),
  );
}
