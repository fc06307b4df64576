import { describe, expect, it } from "vitest";
import { TICK_RATE } from "../src/room/room-config.ts";
import { CombatPlayer, fireAt, idle, rangerDuel } from "./support/combat-player.ts";

/** Closes the target's socket and waits until the room has taken them out of the world (presence `leave`). */
async function leave(shooter: CombatPlayer, target: CombatPlayer): Promise<void> {
  const entityId = target.entityId;
  target.close();
  await shooter.until(() => shooter.presenceEvents("leave").some((e) => e.entityId === entityId), "the target leaving the world");
}

/** Joins again over a fresh socket (no resume: the old body is gone) and keeps sending idle inputs. */
async function rejoin(room: string, playerId: string): Promise<CombatPlayer> {
  const again = await CombatPlayer.join(room, playerId);
  again.nextInput = idle;
  again.start();
  return again;
}

describe("combat across a reconnect", () => {
  it("a player who reconnects while dead is still dead, and respawns ~5 s after the death, not on arrival", async () => {
    const { room, shooter, target, targetId } = await rangerDuel("redead");
    target.start();
    shooter.nextInput = () => fireAt(shooter.movement(shooter.entityId)!, shooter.movement(target.entityId)!);
    shooter.start();
    await shooter.until(() => shooter.eventsOf("death").find((d) => d.target === target.entityId), "the target's death", 8000);
    shooter.nextInput = idle;
    const deathTick = await shooter.until(() => shooter.eventTick("death"), "the death's tick");
    await leave(shooter, target);

    const again = await rejoin(room, targetId);
    const arrived = await again.until(() => again.combat(again.entityId), "its own combat entry");
    expect(arrived).toMatchObject({ alive: false, hp: 0, maxHp: 100, deaths: 1 });
    // Still counting down to the respawn the death set (~5 s after it), not a fresh one.
    expect(arrived.respawnAt).toBeGreaterThan(Date.now() + 2000);
    expect(arrived.respawnAt).toBeLessThan(Date.now() + 5000);
    // Nobody heard of a respawn on arrival; it comes when the death's wait is over.
    expect(shooter.eventsOf("respawn")).toEqual([]);
    const respawn = await shooter.until(() => shooter.eventsOf("respawn").find((r) => r.target === again.entityId), "the respawn", 8000);
    const respawnTick = await shooter.until(() => shooter.eventTick("respawn"), "the respawn's tick");
    expect((respawnTick - deathTick) / TICK_RATE).toBeGreaterThanOrEqual(4.5);
    expect((respawnTick - deathTick) / TICK_RATE).toBeLessThanOrEqual(5.7);
    const back = await again.until(() => (again.combat(again.entityId)?.alive ? again.combat(again.entityId) : undefined), "alive again");
    expect(back).toMatchObject({ hp: 100, alive: true, deaths: 1 });
    await again.until(() => again.movement(again.entityId)?.x === respawn.x && again.movement(again.entityId)?.y === respawn.y, "the respawn position");
    shooter.close();
    again.close();
  }, 30_000);

});
