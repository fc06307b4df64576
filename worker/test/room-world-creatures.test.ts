import { describe, expect, it } from "vitest";
import { InputBit, WasmSim, Weapon } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { PresenceView } from "../src/features/presence/presence-channel.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";

const deer = { species: "deer", name: "Deer", weapon: Weapon.none, maxHp: 40 };

describe("RoomWorld creatures", () => {
  it("share the entity ids and body slots with players, and give them back on removal", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const player = world.join("p", defaultCharacter("p", "P"), undefined, false);
    const creature = world.addCreature(deer, 10, 10);
    expect(creature.entityId).not.toBe(player.entityId);
    expect(creature.slot).not.toBe(player.slot);
    expect(world.creatures.get(creature.entityId)).toBe(creature);
    expect(world.sim.bodies.isActive(creature.slot)).toBe(true);
    expect(world.removeCreature(creature.entityId)).toBe(creature);
    expect(world.creatures.size).toBe(0);
    expect(world.sim.bodies.isActive(creature.slot)).toBe(false);
    expect(world.removeCreature(creature.entityId)).toBeUndefined();
  });

  it("applies a creature's input in every world step, once, whether or not any player sent one", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    world.join("p", defaultCharacter("p", "P"), undefined, false);
    const creature = world.addCreature(deer, 0, 0);
    creature.input.bits = InputBit.right;
    for (let i = 0; i < 30; i++) world.step();
    // 30 steps of holding right: about a second at the 6 m/s cap (4 steps to reach it).
    expect(world.sim.bodies.x(creature.slot)).toBeGreaterThan(5);
    expect(world.sim.bodies.x(creature.slot)).toBeLessThan(6);
    expect(world.sim.bodies.y(creature.slot)).toBe(0);
    creature.input.bits = 0;
    for (let i = 0; i < 30; i++) world.step();
    expect(world.sim.bodies.vx(creature.slot)).toBe(0);
  });
});

describe("RoomWorld.playersNear", () => {
  it("lists the players within the radius of a player or a creature by their bodies' positions, and nobody for an unknown entity", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const join = (id: string, x: number, y: number) => {
      const character = defaultCharacter(id, id.toUpperCase());
      return world.join(id, character, { userId: id, character, x, y, vx: 0, vy: 0, lastInputSeq: 0 }, false);
    };
    const speaker = join("a", 0, 0);
    const close = join("b", 12, 16); // 20 m from a: on the edge counts
    join("c", 20, 1); // just past 20 m from a
    const wolf = world.addCreature(deer, 30, 16);
    const ids = (players: { playerId: string }[]) => players.map((p) => p.playerId).sort();
    expect(ids(world.playersNear(speaker.entityId, 20))).toEqual(["a", "b"]);
    expect(ids(world.playersNear(close.entityId, 10))).toEqual(["b"]);
    expect(ids(world.playersNear(wolf.entityId, 20))).toEqual(["b", "c"]);
    expect(world.playersNear("9999", 1000)).toEqual([]);
  });
});

describe("RoomWorld.rosterVersion and the presence channel built from it", () => {
  it("moves on a join, a leave, a creature added or removed and a character replaced; not on a step", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const presence = new PresenceView();
    let version = world.rosterVersion;
    const moved = () => {
      const now = world.rosterVersion;
      const changed = now !== version;
      version = now;
      return changed;
    };
    const empty = presence.collect(world);
    expect(empty.size).toBe(0);
    const player = world.join("p", defaultCharacter("p", "P"), undefined, false);
    expect(moved()).toBe(true);
    const withPlayer = presence.collect(world);
    expect(withPlayer).not.toBe(empty);
    expect(withPlayer.get(player.entityId)).toMatchObject({ kind: "player", playerId: "p", name: "P" });
    // Steps and a resume with the very same character change nothing: the same map, not rebuilt.
    for (let i = 0; i < 5; i++) world.step();
    world.setCharacter(player, player.character);
    expect(moved()).toBe(false);
    expect(presence.collect(world)).toBe(withPlayer);
    // The same character, fresher (renamed): shown.
    world.setCharacter(player, { ...player.character, name: "Renamed" });
    expect(moved()).toBe(true);
    expect(presence.collect(world).get(player.entityId)).toMatchObject({ name: "Renamed" });
    const creature = world.addCreature(deer, 3, 3);
    expect(moved()).toBe(true);
    expect(presence.collect(world).get(creature.entityId)).toEqual({ kind: "creature", species: "deer", name: "Deer" });
    world.removeCreature(creature.entityId);
    expect(moved()).toBe(true);
    expect(presence.collect(world).has(creature.entityId)).toBe(false);
    world.leave("p");
    expect(moved()).toBe(true);
    expect(presence.collect(world).size).toBe(0);
    // Nothing to remove or leave: no change.
    world.leave("p");
    world.removeCreature(creature.entityId);
    expect(moved()).toBe(false);
  });
});
