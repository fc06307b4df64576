import { describe, expect, it } from "vitest";
import { ClockedRoom } from "./support/clocked-room.ts";
import { WildPlayer } from "./support/wild-room.ts";

describe("wildlife in combat", () => {
  it("a wolf that reaches a standing player bites it: hit events from the wolf, the player's hp drops", async () => {
    const player = await WildPlayer.join("WOLF_ROOMS", new ClockedRoom("bite", "WOLF_ROOMS"), "bite-gwen");
    await player.nextSnapshot();
    const [wolf] = [...player.creatures().keys()];
    expect(player.replica.get("combat")?.get(wolf!)).toMatchObject({ hp: 60, maxHp: 60, alive: true });
    await player.outlastSpawnProtection();
    await player.walkTo(wolf!, 9);
    await player.until(() => {
      expect(player.combatEvents("hit").filter((hit) => hit.target === player.entityId && hit.source === wolf)).not.toHaveLength(0);
      expect(player.replica.get("combat")?.get(player.entityId)?.hp).toBeLessThan(100);
    }, 10);
    player.close();
  }, 30_000);

  it("a player kills a creature (death event), its body goes, and a new one of its species appears later", async () => {
    const player = await WildPlayer.join("WOLF_ROOMS", new ClockedRoom("hunt", "WOLF_ROOMS"), "hunt-hal");
    await player.nextSnapshot();
    const [wolf] = [...player.creatures().keys()];
    await player.outlastSpawnProtection();
    await player.walkTo(wolf!, 9);
    // The wolf comes; the player (a warrior: axe, 7 m) throws at it until it dies.
    await player.until(
      () => expect(player.combatEvents("death")).toContainEqual({ target: wolf, killer: player.entityId }),
      12,
      () => {
        if (player.body(wolf!)) player.fireAt(wolf!);
      },
    );
    expect(player.replica.get("combat")?.get(wolf!)).toMatchObject({ alive: false, hp: 0 });
    // The kill is the player's: credited in the combat channel.
    await player.until(() => expect(player.replica.get("combat")?.get(player.entityId)).toMatchObject({ kills: 1 }), 3);
    // The body stays ~2 s, then leaves every channel; 10–20 s after the death another wolf arrives.
    await player.until(() => {
      expect(player.body(wolf!)).toBeUndefined();
      expect(player.creatures().has(wolf!)).toBe(false);
    }, 5);
    await player.until(() => {
      const wolves = [...player.creatures()].filter(([, c]) => c.species === "wolf");
      expect(wolves).toHaveLength(1);
      expect(player.replica.get("combat")?.get(wolves[0]![0])).toMatchObject({ hp: 60, alive: true });
    }, 22);
    player.close();
  }, 60_000);
});
