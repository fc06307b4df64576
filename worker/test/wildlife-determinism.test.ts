import { describe, expect, it } from "vitest";
import { WasmSim, Weapon } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { splitByShare } from "../src/features/wildlife/population.ts";
import { Wildlife } from "../src/features/wildlife/wildlife.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";

/**
 * A room's wildlife replayed: a world with the default population and one player (an archer, who cannot die here:
 * it is revived every step) walking a fixed route out through the creatures' ring and back, shooting at the nearest
 * creature every half second — so deer flee, wolves chase and bite, creatures die, bodies go and new ones appear —
 * stepped as the room steps it, for 60 s. Bodies are armed as the combat feature arms them.
 */
function replay(seed: number, steps = 1800): { hash: number; creatures: string; deaths: number; spawned: number } {
  const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
  const { sim } = world;
  sim.prng.seed(seed);
  const wildlife = new Wildlife(splitByShare(12), seed);
  const walker = world.join("walker", defaultCharacter("walker", "Walker"), undefined, false);
  sim.combat.arm(walker.slot, Weapon.arrow, 100);
  const armed = new Set<string>();
  let deaths = 0;
  for (let i = 0; i < steps; i++) {
    const leg = Math.floor(i / 150) % 4;
    const target = nearestCreature(world, sim.bodies.x(walker.slot), sim.bodies.y(walker.slot));
    const fire = i % 15 === 0 && target !== undefined ? { fire: true, aimX: target.dx, aimY: target.dy } : {};
    walker.inputs.push([{ seq: i + 1, right: leg === 0, up: leg === 1, left: leg === 2, down: leg === 3, ...fire }]);
    wildlife.beforeStep(world);
    for (const c of world.creatures.values()) if (!armed.has(c.entityId) && armed.add(c.entityId)) sim.combat.arm(c.slot, c.weapon as Weapon, c.maxHp);
    world.step();
    deaths += sim.combat.drainEvents().filter((e) => e.type === "death").length;
    sim.combat.setAlive(walker.slot, true);
    sim.combat.setHp(walker.slot, 100);
    wildlife.afterStep(world);
  }
  const creatures = [...world.creatures.values()].map((c) => `${c.entityId}:${c.name}@${sim.bodies.x(c.slot)},${sim.bodies.y(c.slot)}`).join("|");
  return { hash: sim.stateHash(), creatures, deaths, spawned: armed.size };
}

function nearestCreature(world: RoomWorld, x: number, y: number): { dx: number; dy: number } | undefined {
  let best: { dx: number; dy: number; d: number } | undefined;
  for (const c of world.creatures.values()) {
    if (!world.sim.combat.isAlive(c.slot)) continue;
    const dx = world.sim.bodies.x(c.slot) - x;
    const dy = world.sim.bodies.y(c.slot) - y;
    const d = Math.hypot(dx, dy);
    if (d > 0 && (!best || d < best.d)) best = { dx: dx / d, dy: dy / d, d };
  }
  return best;
}

describe("wildlife determinism", () => {
  it("the same seed and inputs give the same world, step for step; another seed another one", () => {
    const first = replay(0xc0ffee);
    const again = replay(0xc0ffee);
    expect(again).toEqual(first);
    // Creatures died in the run, and new ones appeared in their place.
    expect(first.deaths).toBeGreaterThan(0);
    expect(first.spawned).toBeGreaterThan(12);
    const other = replay(0xbadcafe);
    expect(other.hash).not.toBe(first.hash);
    expect(other.creatures).not.toBe(first.creatures);
  });
});
