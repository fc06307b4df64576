// Fair play: newcomers live long enough to play (issue 17 §3; ARCHITECTURE.md "Spawn protection").
import { describe, expect, it } from "vitest";
import { WasmSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { PlayerPositions } from "../src/features/wildlife/perception.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { CombatPlayer, createCharacter, fireAt, idle } from "./support/combat-player.ts";
import { freshRoom } from "./support/test-client.ts";

/** A ranger who fires at `target` on every input it can (its cooldown decides), until told otherwise. */
function keepFiring(shooter: CombatPlayer, target: CombatPlayer): void {
  shooter.nextInput = () => {
    const them = shooter.movement(target.entityId);
    return them ? fireAt(shooter.movement(shooter.entityId)!, them) : idle();
  };
  shooter.start();
}

const hitsOn = (shooter: CombatPlayer, target: CombatPlayer) => shooter.eventsOf("hit").filter((h) => h.target === target.entityId);

describe("spawn protection", () => {
  it("a player placed at a spawn point takes no damage until they fire: shots pass through, no hit event", async () => {
    const room = freshRoom("spawn-shield");
    await createCharacter(`${room}-r`, "ranger");
    const shooter = await CombatPlayer.join(room, `${room}-r`);
    const newcomer = await CombatPlayer.join(room, `${room}-new`);
    await shooter.until(() => shooter.movement(newcomer.entityId), "the newcomer");
    newcomer.nextInput = idle;
    newcomer.start();
    keepFiring(shooter, newcomer);
    // Arrows every ~0.5 s: let a few fly through (all of them within the 3 s).
    const shotsAt = shooter.lastInputSeq;
    await shooter.until(() => shooter.ackInputSeq > shotsAt + 40, "about 1.3 s of shooting");
    expect(hitsOn(shooter, newcomer)).toEqual([]);
    expect(shooter.combat(newcomer.entityId)).toMatchObject({ hp: 100 });
    // The newcomer fires once (away from the shooter): protection ends with that step, and the next arrows land.
    newcomer.stop();
    await newcomer.dropSpawnProtection(shooter.movement(shooter.entityId));
    newcomer.start();
    await shooter.until(() => hitsOn(shooter, newcomer)[0], "a hit once the newcomer fired");
    shooter.close();
    newcomer.close();
  }, 20_000);

  it("ends by itself 3 s after the spawn; a player returning to their saved place gets none", async () => {
    const room = freshRoom("spawn-expiry");
    await createCharacter(`${room}-r`, "ranger");
    const shooter = await CombatPlayer.join(room, `${room}-r`);
    const joinedAt = Date.now();
    const idler = await CombatPlayer.join(room, `${room}-idle`);
    await shooter.until(() => shooter.movement(idler.entityId), "the idler");
    idler.nextInput = idle;
    idler.start();
    keepFiring(shooter, idler);
    await shooter.until(() => hitsOn(shooter, idler)[0], "the first hit", 8000);
    // Not before the 3 s were up (the first arrow after them takes a moment to fly and to be told).
    expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(2900);
    shooter.stop();
    shooter.nextInput = idle;
    shooter.start();

    // A player who left with no fight in the last 10 s and comes back to their saved place: no protection.
    const room2 = freshRoom("spawn-return");
    await createCharacter(`${room2}-r`, "ranger");
    const returning = await CombatPlayer.join(room2, `${room2}-back`);
    returning.close();
    await returning.client.closed();
    const shooter2 = await CombatPlayer.join(room2, `${room2}-r`);
    const back = await CombatPlayer.join(room2, `${room2}-back`);
    back.nextInput = idle;
    back.start();
    const returnedAt = Date.now();
    keepFiring(shooter2, back);
    await shooter2.until(() => hitsOn(shooter2, back)[0], "the first hit on the returning player", 5000);
    expect(Date.now() - returnedAt).toBeLessThan(2500);
    for (const p of [shooter, idler, shooter2, back]) p.close();
  }, 30_000);

  it("creatures ignore a spawn-protected player: they neither chase nor flee from them", () => {
    const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
    const player = world.join("ada", defaultCharacter("ada", "Ada"), undefined, false);
    world.sim.combat.arm(player.slot, 1, 100);
    const positions = new PlayerPositions();
    expect(positions.read(world).nearest(0, 0)).toBeDefined();
    world.sim.combat.setSpawnProtected(player.slot, true);
    expect(positions.read(world).nearest(0, 0)).toBeUndefined();
  });
});
