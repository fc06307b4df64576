import { describe, expect, it } from "vitest";
import { MAX_TELEPORT } from "@edgehold/protocol";
import { Weapon, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { collectMovement } from "../src/features/movement/movement-channel.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";

const join = (world: RoomWorld, id: string) => world.join(id, defaultCharacter(id, id), undefined, false);

describe("RoomWorld.teleport: the one way to move a body server-side", () => {
  it("moves the body and bumps its counter in the movement channel; bodies never moved carry no counter", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const pia = join(world, "pia");
    const olle = join(world, "olle");
    expect(collectMovement(world).get(pia.entityId)).not.toHaveProperty("teleport");

    expect(world.teleport(pia, 20.5, -12.25)).toBe(true);
    expect(collectMovement(world).get(pia.entityId)).toEqual({ x: 20.5, y: -12.25, vx: 0, vy: 0, teleport: 1 });
    world.teleport(pia, 3, 4, 1.5, -2);
    expect(collectMovement(world).get(pia.entityId)).toEqual({ x: 3, y: 4, vx: 1.5, vy: -2, teleport: 2 });
    // Only the body moved: another's entry is untouched.
    expect(collectMovement(world).get(olle.entityId)).not.toHaveProperty("teleport");
  });

  it("moves creatures the same way", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const wolf = world.addCreature({ species: "wolf", name: "Grey", weapon: Weapon.none, maxHp: 50 }, 1, 1);
    world.teleport(wolf, -30, 30);
    expect(collectMovement(world).get(wolf.entityId)).toEqual({ x: -30, y: 30, vx: 0, vy: 0, teleport: 1 });
  });

  it("wraps from 255 to 1, never back to 0 (a counter left out of a delta must not read as a change)", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const pia = join(world, "pia");
    for (let i = 0; i < MAX_TELEPORT; i++) world.teleport(pia, 1, 1);
    expect(pia.teleport).toBe(MAX_TELEPORT);
    world.teleport(pia, 1, 1);
    expect(collectMovement(world).get(pia.entityId)!.teleport).toBe(1);
  });

  it("does not move a body that left (its slot may be someone else's now); a player who joins again starts uncounted", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const gone = join(world, "gone");
    world.teleport(gone, 5, 5);
    world.leave("gone");
    const before = [...collectMovement(world)];
    expect(world.teleport(gone, -50, -50)).toBe(false);
    expect(gone.teleport).toBe(1);
    expect(world.sim.bodies.isActive(gone.slot)).toBe(false);
    expect([...collectMovement(world)]).toEqual(before);
    const again = join(world, "gone");
    expect(again.teleport).toBe(0);
    expect(collectMovement(world).get(again.entityId)).not.toHaveProperty("teleport");
  });
});
