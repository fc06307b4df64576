import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Sim, WasmSim, runDeterminismScenario } from "../src/index.ts";
import { WasmMemoryViews } from "../src/wasm-memory-views.ts";
import { COMBAT_SCENARIO, GOLDEN_COMBAT } from "./golden.ts";
import { simModule } from "./load-wasm.ts";

/** Every field the views show, for every slot, read through them and through the per-slot getters. */
function viewsAndGetters(sim: Sim): { views: unknown[]; getters: unknown[] } {
  const bodies = sim.bodies.view();
  const combat = sim.combat.view();
  const projectiles = sim.projectiles.view();
  const views: unknown[] = [bodies.end, projectiles.end];
  const getters: unknown[] = [bodies.end, sim.projectiles.end];
  for (let slot = 0; slot < bodies.end; slot++) {
    const active = bodies.active[slot] !== 0;
    views.push(active, bodies.x[slot], bodies.y[slot], bodies.vx[slot], bodies.vy[slot], combat.hp[slot], combat.stamina[slot]);
    getters.push(sim.bodies.isActive(slot), sim.bodies.x(slot), sim.bodies.y(slot), sim.bodies.vx(slot), sim.bodies.vy(slot), sim.combat.hp(slot), sim.combat.stamina(slot));
    views.push(active && combat.alive[slot] !== 0, active && combat.spawnProtected[slot] !== 0);
    getters.push(sim.combat.isAlive(slot), sim.combat.isSpawnProtected(slot));
  }
  for (let p = 0; p < projectiles.end; p++) {
    const active = projectiles.active[p] !== 0;
    views.push(active);
    getters.push(sim.projectiles.isActive(p));
    if (!active) continue;
    views.push(projectiles.x[p], projectiles.y[p], projectiles.vx[p], projectiles.vy[p], projectiles.owner[p]);
    getters.push(sim.projectiles.x(p), sim.projectiles.y(p), sim.projectiles.vx(p), sim.projectiles.vy(p), sim.projectiles.owner(p));
  }
  return { views, getters };
}

/** The sim, checking after each world step that its views read what its getters do. */
function checkingViews(sim: Sim, mismatches: string[]): Sim {
  let steps = 0;
  return {
    bodies: sim.bodies,
    tiles: sim.tiles,
    projectiles: sim.projectiles,
    combat: sim.combat,
    prng: sim.prng,
    get world() {
      return sim.world;
    },
    setWorld: (world) => sim.setWorld(world),
    stateHash: () => sim.stateHash(),
    step() {
      sim.step();
      steps++;
      const { views, getters } = viewsAndGetters(sim);
      const differ = views.findIndex((value, i) => !Object.is(value, getters[i]));
      if (differ >= 0 || views.length !== getters.length) mismatches.push(`step ${steps}: field ${differ} of ${views.length}`);
    },
  };
}

describe("typed-array views of the sim's state", () => {
  it("read what the per-slot getters read, after every step of the combat scenario (bodies, combat, projectiles)", () => {
    const mismatches: string[] = [];
    const result = runDeterminismScenario(checkingViews(WasmSim.fromModule(simModule), mismatches), COMBAT_SCENARIO);
    expect(result).toEqual(GOLDEN_COMBAT);
    expect(mismatches).toEqual([]);
  });

  it("are live: the arrays a view() returned show later steps", () => {
    const sim = WasmSim.fromModule(simModule);
    sim.bodies.spawn(3, 1, 2, 0, 0);
    const { x, y } = sim.bodies.view();
    expect([x[3], y[3]]).toEqual([1, 2]);
    sim.bodies.setInput(3, 1);
    sim.step();
    expect(y[3]).toBe(sim.bodies.y(3));
    expect(y[3]).toBeGreaterThan(2);
    expect(sim.bodies.view().end).toBe(4);
  });

  it("rest on static memory: the same arrays before and after a whole fight, and no memory.grow in sim.wasm", () => {
    const sim = WasmSim.fromModule(simModule);
    const before = [sim.bodies.view().x, sim.combat.view().hp, sim.projectiles.view().x];
    runDeterminismScenario(sim, COMBAT_SCENARIO);
    expect([sim.bodies.view().x, sim.combat.view().hp, sim.projectiles.view().x]).toEqual(before);
    expect(sim.bodies.view().x).toBe(before[0]);
    const text = readFileSync(new URL("../build/sim.wat", import.meta.url), "utf8");
    expect(text).toContain('(export "memory"');
    expect(text).not.toContain("memory.grow");
  });

  it("are made again when the memory's buffer changes (as it would, detached, if the memory grew)", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const views = new WasmMemoryViews(memory, (buffer) => new Float64Array(buffer, 8, 2));
    const first = views.get();
    expect(views.get()).toBe(first);
    new Float64Array(memory.buffer, 8, 2)[1] = 7;
    memory.grow(1);
    expect(first.length).toBe(0);
    const second = views.get();
    expect(second === first).toBe(false);
    expect(second[1]).toBe(7);
  });
});
