// The room's grid of bodies (worker/src/room/interest/body-grid.ts): what `nearby` chat, views and creature
// perception ask. It must answer exactly what testing every body would, in join order, with the real sim.
import { describe, expect, it } from "vitest";
import { mulberry32, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld, type PlayerEntity } from "../src/room/room-world.ts";

/** Every player within `radius` of `entityId`'s body, by testing each one (what the grid must agree with). */
function everyPlayerNear(world: RoomWorld, entityId: string, radius: number): string[] {
  const all = [...world.players.values(), ...world.creatures.values()];
  const from = all.find((body) => body.entityId === entityId)!;
  const x = world.sim.bodies.x(from.slot);
  const y = world.sim.bodies.y(from.slot);
  return [...world.players.values()]
    .filter((p) => (world.sim.bodies.x(p.slot) - x) ** 2 + (world.sim.bodies.y(p.slot) - y) ** 2 <= radius * radius)
    .map((p) => p.playerId);
}

describe("the body grid", () => {
  it("finds exactly the players within a radius, the boundary included, across cells and world edges, in join order", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const random = mulberry32(2026);
    const players: PlayerEntity[] = [];
    for (let i = 0; i < 120; i++) players.push(world.join(`p${i}`, defaultCharacter(`p${i}`, `P${i}`), undefined, false));
    const creature = world.addCreature({ species: "deer", name: "Deer", weapon: 0, maxHp: 40 }, 0, 0);
    // A third on cell edges (multiples of 16 m) and the world's edges, the rest anywhere: whole 1/256 m.
    const spot = (i: number) => {
      if (i % 3 === 0) return [-64, -48, -16, 0, 16, 32, 63.99609375][i % 7]!;
      return Math.round((random() / 2 ** 32) * 127 * 256) / 256 - 64;
    };
    players.forEach((p, i) => world.sim.bodies.setState(p.slot, spot(i), spot(i + 1), 0, 0));
    world.noteMoved();
    for (const radius of [0, 5, 16, 20, 33.3, 64, 72, 200]) {
      for (const from of [...players.slice(0, 30).map((p) => p.entityId), creature.entityId]) {
        expect(world.playersNear(from, radius).map((p) => p.playerId), `${radius} m from ${from}`).toEqual(everyPlayerNear(world, from, radius));
      }
    }
    expect(world.playersNear("no-such-entity", 100)).toEqual([]);
  });

  it("reads positions again after a step, a join or a server-side move, and not otherwise", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const ann = world.join("ann", defaultCharacter("ann", "Ann"), undefined, false);
    const bob = world.join("bob", defaultCharacter("bob", "Bob"), undefined, false);
    world.sim.bodies.setState(ann.slot, 0, 0, 0, 0);
    world.sim.bodies.setState(bob.slot, 30, 0, 0, 0);
    world.noteMoved();
    expect(world.playersNear(ann.entityId, 20).map((p) => p.playerId)).toEqual(["ann"]);
    world.teleport(bob, 10, 0);
    expect(world.playersNear(ann.entityId, 20).map((p) => p.playerId)).toEqual(["ann", "bob"]);
    const cat = world.join("cat", defaultCharacter("cat", "Cat"), { userId: "cat", character: defaultCharacter("cat", "Cat"), x: 0, y: 5, vx: 0, vy: 0, lastInputSeq: 0 }, false);
    expect(world.playersNear(ann.entityId, 20).map((p) => p.playerId)).toEqual(["ann", "bob", "cat"]);
    world.sim.bodies.setState(cat.slot, 0, 50, 0, 0);
    world.step();
    expect(world.playersNear(ann.entityId, 20).map((p) => p.playerId)).toEqual(["ann", "bob"]);
  });
});
