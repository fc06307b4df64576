import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_STAMINA, WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { CombatScores } from "../src/features/combat/combat-scores.ts";
import { Combatants } from "../src/features/combat/combatants.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { openRoom } from "./support/room-internals.ts";
import { freshRoom } from "./support/test-client.ts";

/** A world with the combat roster over a real room's SQLite (scores are stored there). */
async function withCombatants(body: (world: RoomWorld, combatants: Combatants) => void): Promise<void> {
  const room = freshRoom("departed");
  await openRoom(room);
  await runInDurableObject(env.ROOMS.get(env.ROOMS.idFromName(room)), (_instance, state) => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    body(world, new Combatants(world.sim, new CombatScores(state.storage.sql)));
  });
}

describe("what a player leaves with, they come back with", () => {
  it("hp, stamina and the weapon's cooldown are given back on return; a fresh body is not remembered", async () => {
    await withCombatants((world, combatants) => {
      const { sim } = world;
      const join = () => combatants.ensurePlayer(world.join("pia", defaultCharacter("pia", "Pia"), undefined, false));
      let pia = join();
      sim.combat.setHp(pia.slot, 37);
      sim.combat.setStamina(pia.slot, 12.5);
      sim.combat.setCooldown(pia.slot, 9);
      combatants.leaving(world.players.get("pia")!);
      world.leave("pia");
      pia = join();
      expect([sim.combat.hp(pia.slot), sim.combat.stamina(pia.slot), sim.combat.cooldown(pia.slot), sim.combat.isAlive(pia.slot)]).toEqual([37, 12.5, 9, true]);
      // Fresh again (full everything), leaving and returning changes nothing either way.
      sim.combat.arm(pia.slot, pia.weapon, pia.maxHp);
      combatants.leaving(world.players.get("pia")!);
      world.leave("pia");
      pia = join();
      expect([sim.combat.hp(pia.slot), sim.combat.stamina(pia.slot), sim.combat.cooldown(pia.slot)]).toEqual([100, MAX_STAMINA, 0]);
      // Only tired: a full bar is not a rejoin away.
      sim.combat.setStamina(pia.slot, 40);
      combatants.leaving(world.players.get("pia")!);
      world.leave("pia");
      pia = join();
      expect([sim.combat.hp(pia.slot), sim.combat.stamina(pia.slot)]).toEqual([100, 40]);
    });
  });
});
