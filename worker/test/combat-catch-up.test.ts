import { describe, expect, it } from "vitest";
import { eventMessage, type MovementInput } from "@edgehold/protocol";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { CombatRoom } from "../src/features/combat/combat-room.ts";
import type { FeatureContext } from "../src/features/server-feature.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import type { SqlExec } from "../src/storage/rows-written.ts";

/** Storage that holds nothing (no seed, no scores): this test never reaches a death or a restart. */
const noStorage: SqlExec = { exec: (() => ({ toArray: () => [], one: () => undefined, raw: () => [] })) as unknown as SqlExec["exec"] };

/** A world with one player and combat wired as the room wires it; `calls` records every input hook call. */
function setUp() {
  const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
  const combat = new CombatRoom(world, noStorage, { lagCompensation: false, respawnSteps: 150, playerMaxHp: 100 });
  const room = { world, clock: { tick: 0, now: () => 0 }, broadcast: () => {}, event: eventMessage, log: () => {} } as unknown as FeatureContext<unknown>;
  const player = world.join("p", defaultCharacter("p", "P"), undefined, false);
  const calls: { seq: number; catchUp: boolean }[] = [];
  world.onInput = (p, input, catchUp) => {
    calls.push({ seq: input.seq, catchUp });
    // Ready to fire again in the same tick (a catch-up fires too): what the test checks is who fired what.
    if (catchUp) world.sim.combat.setCooldown(p.slot, 0);
    combat.input(room, p, input, catchUp);
  };
  const step = () => {
    combat.beforeStep();
    world.step();
    combat.tick(room);
  };
  return { world, combat, player, calls, step };
}

const fire = (seq: number): MovementInput => ({ seq, up: false, down: false, left: false, right: false, fire: true, aimX: 1, aimY: 0 });
const idle = (seq: number): MovementInput => ({ seq, up: false, down: false, left: false, right: false });

describe("catch-up inputs and combat", () => {
  it("RoomWorld tells the input hook which input is a catch-up; each projectile keeps the seq of the input that fired it", () => {
    const { combat, player, calls, step } = setUp();
    // Ten silent steps bank credit; then a burst: one input for the world step and a catch-up one, both firing.
    for (let i = 0; i < 10; i++) step();
    player.inputs.push([fire(1), fire(2), idle(3), idle(4), idle(5), idle(6), idle(7), idle(8)]);
    step();
    expect(calls.slice(0, 2)).toEqual([
      { seq: 1, catchUp: false },
      { seq: 2, catchUp: true },
    ]);
    step();
    const seqs = [...combat.projectileChannel().values()].map((p) => p.seq).sort();
    expect(seqs).toEqual([1, 2]);
  });
});
