import { applySnapshot, createReplica } from "@edgehold/protocol";
import { describe, expect, it, vi } from "vitest";
import { populationOf } from "../src/features/wildlife/population.ts";
import { SPECIES } from "../src/features/wildlife/species.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom } from "./support/test-client.ts";
import { WildPlayer } from "./support/wild-room.ts";

const NAMES = new Map(SPECIES.map((s) => [s.id, s.names]));

describe("wildlife in a room", () => {
  it("creatures appear in presence (kind creature, species, name) and in movement, and they move", async () => {
    const player = await WildPlayer.join("WILD_ROOMS", new ClockedRoom("wild", "WILD_ROOMS"), "wild-alice");
    await player.nextSnapshot();
    const creatures = player.creatures();
    // The default population: 12, split 2:1 over deer and wolves.
    expect(creatures.size).toBe(12);
    expect([...creatures.values()].filter((c) => c.species === "deer")).toHaveLength(8);
    expect([...creatures.values()].filter((c) => c.species === "wolf")).toHaveLength(4);
    for (const { species, name } of creatures.values()) expect(NAMES.get(species)).toContain(name);
    expect(player.replica.get("presence")?.get(player.entityId)).toMatchObject({ kind: "player", playerId: "wild-alice" });
    const start = new Map([...creatures.keys()].map((id) => [id, { ...player.body(id)! }]));
    for (const at of start.values()) expect(at).toMatchObject({ x: expect.any(Number), y: expect.any(Number) });
    // Wandering: within a few seconds most of them have walked somewhere (some may be resting).
    await player.until(() => {
      const moved = [...start].filter(([id, at]) => {
        const now = player.body(id)!;
        return Math.hypot(now.x - at.x, now.y - at.y) > 0.5;
      });
      expect(moved.length).toBeGreaterThanOrEqual(6);
    }, 8);
    player.close();
  });

  it("respects CREATURE_POPULATION: 0 in the ordinary test room, deer=1 in the deer room", async () => {
    const { client } = await connect(freshRoom("tame"), { playerId: "tame-bob" });
    const replica = createReplica();
    for (let i = 0; i < 10; i++) applySnapshot(replica, (await client.nextSnapshot()).payload);
    expect([...replica.get("presence")!.values()].map((p) => p.kind)).toEqual(["player"]);
    expect(replica.get("movement")!.size).toBe(1);
    client.close();
    const deerRoom = await WildPlayer.join("DEER_ROOMS", new ClockedRoom("deer", "DEER_ROOMS"), "deer-bob");
    await deerRoom.nextSnapshot();
    expect([...deerRoom.creatures().values()].map((c) => c.species)).toEqual(["deer"]);
    deerRoom.close();
  });

  it("reads the population from CREATURE_POPULATION: a count split by share, species counts, 0, or the default", () => {
    expect(populationOf({})).toEqual(new Map([["deer", 8], ["wolf", 4]]));
    expect(populationOf({ CREATURE_POPULATION: "50" })).toEqual(new Map([["deer", 33], ["wolf", 17]]));
    expect(populationOf({ CREATURE_POPULATION: "0" })).toEqual(new Map([["deer", 0], ["wolf", 0]]));
    expect(populationOf({ CREATURE_POPULATION: "wolf=3" })).toEqual(new Map([["deer", 0], ["wolf", 3]]));
    expect(populationOf({ CREATURE_POPULATION: " deer = 2 , wolf=1 " })).toEqual(new Map([["deer", 2], ["wolf", 1]]));
    expect(populationOf({ CREATURE_POPULATION: "200" })).toEqual(new Map([["deer", 133], ["wolf", 67]]));
    expect(populationOf({ CREATURE_POPULATION: "deer=150,wolf=50" })).toEqual(new Map([["deer", 150], ["wolf", 50]]));
  });

  it("refuses any other CREATURE_POPULATION alike, with a warning: the default applies (over 200 as a count or as species counts, a species twice)", () => {
    const bad = ["unicorn=2", "-3", "lots", "deer=999", "300", "201", "deer=300", "deer=150,wolf=51", "deer=2,deer=3", "wolf=1,,deer=2", "deer=2,"];
    for (const value of bad) {
      const warn = vi.fn();
      expect(populationOf({ CREATURE_POPULATION: value }, warn), value).toEqual(new Map([["deer", 8], ["wolf", 4]]));
      expect(warn, value).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain(`"${value}"`);
    }
    const quiet = vi.fn();
    for (const good of [undefined, "", "12", "200", "deer=200", "wolf=3,deer=1"]) populationOf({ CREATURE_POPULATION: good }, quiet);
    expect(quiet).not.toHaveBeenCalled();
  });

  it("a deer flees from a player who walks up to it", async () => {
    const player = await WildPlayer.join("DEER_ROOMS", new ClockedRoom("flee", "DEER_ROOMS"), "flee-carol");
    await player.nextSnapshot();
    const [deer] = [...player.creatures().keys()];
    await player.outlastSpawnProtection();
    await player.walkTo(deer!, 7.5);
    // Now it runs: at (nearly) a player's top speed, straight away from the player. The player keeps walking at it
    // (a deer that was ambling away when the player stopped could otherwise stay just beyond its notice radius).
    await player.until(
      () => {
        const me = player.me();
        const it = player.body(deer!)!;
        const away = { x: it.x - me.x, y: it.y - me.y };
        const speed = Math.hypot(it.vx, it.vy);
        expect(speed).toBeGreaterThan(5);
        const cos = (it.vx * away.x + it.vy * away.y) / (speed * Math.hypot(away.x, away.y));
        expect(cos).toBeGreaterThan(0.7);
      },
      6,
      () => player.stepToward(deer!),
    );
    player.close();
  }, 30_000);

  it("a wolf chases a player who comes near and closes to biting range", async () => {
    const player = await WildPlayer.join("WOLF_ROOMS", new ClockedRoom("chase", "WOLF_ROOMS"), "chase-dave");
    await player.nextSnapshot();
    const [wolf] = [...player.creatures().keys()];
    await player.outlastSpawnProtection();
    await player.walkTo(wolf!, 9);
    // The player stands still; the wolf comes to it.
    await player.until(() => expect(player.distanceTo(wolf!)).toBeLessThan(1.3), 8);
    player.close();
  }, 30_000);
});
