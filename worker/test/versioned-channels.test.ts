// Issue 19 §3: movement and combat are versioned channels, so an idle entity costs nothing past a comparison of its
// values: it keeps its fields object (no diff, no encoding), and a tick on which nothing changed keeps the channel's
// map and version (the snapshot streams skip it). What the channels hold stays exactly what collecting anew gives.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { collectMovement, MovementView } from "../src/features/movement/movement-channel.ts";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { defineRoomKind } from "../src/room/kinds/room-kind.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { internalsOf } from "./support/room-internals.ts";
import type { TestRoomDurableObject } from "./support/test-worker.ts";

/** Today's room without its wildlife: nothing moves unless a test moves it. */
const STILL_KIND = defineRoomKind({ ...DEFAULT_ROOM_KIND, name: "still-test", withoutFeatures: ["wildlife"] });

describe("the movement channel, versioned", () => {
  it("keeps its map, version and fields objects while nobody moves; replaces only a moved body's fields; a new map when the roster changes", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const ann = world.join("ann", defaultCharacter("ann", "Ann"), undefined, false);
    const bob = world.join("bob", defaultCharacter("bob", "Bob"), undefined, false);
    const view = new MovementView();
    const first = view.collect(world);
    const version = view.version;
    expect([...first]).toEqual([...collectMovement(world)]);
    const annFields = first.get(ann.entityId);
    const bobFields = first.get(bob.entityId);

    world.step();
    const idle = view.collect(world);
    expect(idle).toBe(first);
    expect(view.version).toBe(version);
    expect(idle.get(ann.entityId)).toBe(annFields);

    ann.inputs.push([{ seq: 1, up: true, down: false, left: false, right: false }]);
    world.step();
    const moved = view.collect(world);
    expect(moved).toBe(first);
    expect(view.version).toBe(version + 1);
    expect(moved.get(ann.entityId)).not.toBe(annFields);
    expect(moved.get(bob.entityId)).toBe(bobFields);
    expect([...moved]).toEqual([...collectMovement(world)]);

    // A server-side move (teleport counter) is a change too.
    world.teleport(bob, 10, -4);
    expect(view.collect(world).get(bob.entityId)).toEqual({ x: 10, y: -4, vx: 0, vy: 0, teleport: 1 });

    const cat = world.join("cat", defaultCharacter("cat", "Cat"), undefined, false);
    const before = view.version;
    const joined = view.collect(world);
    expect(joined).not.toBe(first);
    expect(view.version).toBeGreaterThan(before);
    expect([...joined]).toEqual([...collectMovement(world)]);
    expect(joined.has(cat.entityId)).toBe(true);
    world.leave("ann");
    expect([...view.collect(world)]).toEqual([...collectMovement(world)]);
  });
});

describe("the combat channel, versioned (a room's own channel)", () => {
  it("stands still while nobody's hp, stamina or score changes, and moves with a change, only that combatant's fields replaced", async () => {
    const room = new ClockedRoom("cv");
    await runInDurableObject(room.stub(), (instance: TestRoomDurableObject) => instance.create({ code: room.code, kind: STILL_KIND, public: false, owner: "o" }));
    const ann = await room.connect({ playerId: "ann" });
    const bob = await room.connect({ playerId: "bob" });
    await room.advance(200, { after: [ann.client, bob.client] });
    await runInDurableObject(room.stub(), (instance: TestRoomDurableObject) => {
      const { features, world } = internalsOf(instance);
      const combat = features.channels.find((channel) => channel.name === "combat")!;
      const first = combat.collect();
      const version = combat.version!();
      const annFields = first.get(ann.welcome.payload.entityId);
      world.step();
      expect(combat.collect()).toBe(first);
      expect(combat.version!()).toBe(version);

      world.sim.combat.setHp(world.players.get("ann")!.slot, 40);
      const hit = combat.collect();
      expect(combat.version!()).toBe(version + 1);
      expect(hit.get(ann.welcome.payload.entityId)).not.toBe(annFields);
      expect(hit.get(ann.welcome.payload.entityId)).toMatchObject({ hp: 40, maxHp: 100, alive: true });
      expect(hit.get(bob.welcome.payload.entityId)).toBe(first.get(bob.welcome.payload.entityId));
    });
    for (const { client } of [ann, bob]) client.close();
    await Promise.all([ann.client.closed(), bob.client.closed()]);
  });
});
