import { describe, expect, it, vi } from "vitest";
import { freshRoom } from "./support/test-client.ts";
import { WildPlayer } from "./support/wild-room.ts";

describe("wildlife in combat", () => {
  it("a wolf that reaches a standing player bites it: hit events from the wolf, the player's hp drops", async () => {
    const player = await WildPlayer.join("WOLF_ROOMS", freshRoom("bite"), "bite-gwen");
    await player.nextSnapshot();
    const [wolf] = [...player.creatures().keys()];
    expect(player.replica.get("combat")?.get(wolf!)).toMatchObject({ hp: 60, maxHp: 60, alive: true });
    await player.walkTo(wolf!, 9);
    await vi.waitFor(
      async () => {
        player.send({}, 3);
        await player.nextSnapshot();
        expect(player.combatEvents("hit").filter((hit) => hit.target === player.entityId && hit.source === wolf)).not.toHaveLength(0);
        expect(player.replica.get("combat")?.get(player.entityId)?.hp).toBeLessThan(100);
      },
      { timeout: 10_000, interval: 0 },
    );
    player.close();
  }, 30_000);

  it("a player kills a creature (death event), its body goes, and a new one of its species appears later", async () => {
    const player = await WildPlayer.join("WOLF_ROOMS", freshRoom("hunt"), "hunt-hal");
    await player.nextSnapshot();
    const [wolf] = [...player.creatures().keys()];
    await player.walkTo(wolf!, 9);
    // The wolf comes; the player (a warrior: axe, 7 m) throws at it until it dies.
    await vi.waitFor(
      async () => {
        await player.nextSnapshot();
        if (player.body(wolf!)) player.fireAt(wolf!);
        expect(player.combatEvents("death")).toContainEqual({ target: wolf, killer: player.entityId });
      },
      { timeout: 12_000, interval: 0 },
    );
    expect(player.replica.get("combat")?.get(wolf!)).toMatchObject({ alive: false, hp: 0 });
    // The kill is the player's: credited in the combat channel.
    await vi.waitFor(
      async () => {
        player.send({}, 3);
        await player.nextSnapshot();
        expect(player.replica.get("combat")?.get(player.entityId)).toMatchObject({ kills: 1 });
      },
      { timeout: 3000, interval: 0 },
    );
    // The body stays ~2 s, then leaves every channel; 10–20 s after the death another wolf arrives.
    await vi.waitFor(
      async () => {
        player.send({}, 3);
        await player.nextSnapshot();
        expect(player.body(wolf!)).toBeUndefined();
        expect(player.creatures().has(wolf!)).toBe(false);
      },
      { timeout: 5000, interval: 0 },
    );
    await vi.waitFor(
      async () => {
        player.send({}, 3);
        await player.nextSnapshot();
        const wolves = [...player.creatures()].filter(([, c]) => c.species === "wolf");
        expect(wolves).toHaveLength(1);
        expect(player.replica.get("combat")?.get(wolves[0]![0])).toMatchObject({ hp: 60, alive: true });
      },
      { timeout: 22_000, interval: 0 },
    );
    player.close();
  }, 60_000);
});
