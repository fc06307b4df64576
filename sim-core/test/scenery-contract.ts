import { describe, expect, it } from "vitest";
import { generateScenery, InputBit, MAX_STAMINA, placeScenery, sceneryHash, TILE_MAX, TILE_MIN, TileKind, type WasmSim, Weapon } from "../src/index.ts";
import { hold } from "./body-helpers.ts";

/** A `plaza`'s world: 512 m. */
export const SCENERY_WORLD = { minTile: TILE_MIN, maxTile: TILE_MAX } as const;
export const SCENERY_SEED = 0x5eed_1234;
/**
 * The scenery of SCENERY_SEED over SCENERY_WORLD, as every host generates it: its tile count and hash (sceneryHash,
 * equal to `tiles.hash()` of a sim holding only it). A change of the generator changes every plaza: update these on
 * purpose only.
 */
export const GOLDEN_SCENERY = { tiles: 5171, hash: 0xd60303c9 };

/** The first scenery tile of `kind` with open ground on its -x side (where a body can walk up to it). */
function sceneryTile(sim: WasmSim, kind: TileKind): { tx: number; ty: number } {
  const tile = generateScenery(SCENERY_SEED, SCENERY_WORLD).tiles.find(
    ({ tx, ty, kind: k }) => k === kind && [-3, -2, -1].every((dx) => sim.tiles.kind(tx + dx, ty) === TileKind.empty),
  );
  if (!tile) throw new Error(`no ${kind} to walk up to`);
  return tile;
}

/**
 * Scenery (a plaza's trees, rocks, landmark stones): one generator, the same tiles in every host, blocking bodies and
 * projectiles and never damaged.
 */
export function describeSceneryContract(name: string, makeSim: () => WasmSim): void {
  describe(`${name} (scenery)`, () => {
    const plazaSim = () => {
      const sim = makeSim();
      sim.setWorld(SCENERY_WORLD);
      placeScenery(sim, generateScenery(SCENERY_SEED, SCENERY_WORLD));
      return sim;
    };

    it("the generator gives the golden tiles, and a sim holding them hashes the same", () => {
      const scenery = generateScenery(SCENERY_SEED, SCENERY_WORLD);
      const kinds = new Set(scenery.tiles.map((t) => t.kind));
      expect({ tiles: scenery.tiles.length, hash: sceneryHash(scenery) }).toEqual(GOLDEN_SCENERY);
      expect([...kinds].sort()).toEqual([TileKind.tree, TileKind.rock, TileKind.stone]);
      expect(scenery.landmarks.length).toBeGreaterThanOrEqual(3);
      expect(plazaSim().tiles.hash()).toBe(GOLDEN_SCENERY.hash);
      expect(sceneryHash(generateScenery(SCENERY_SEED + 1, SCENERY_WORLD))).not.toBe(GOLDEN_SCENERY.hash);
    });

    it("keeps the middle of the world open", () => {
      const near = generateScenery(SCENERY_SEED, SCENERY_WORLD).tiles.filter(({ tx, ty }) => Math.hypot(tx + 0.5, ty + 0.5) < 16);
      expect(near).toEqual([]);
    });

    it("a tree and a rock stop a body as a wall does", () => {
      for (const kind of [TileKind.tree, TileKind.rock]) {
        const sim = plazaSim();
        const { tx, ty } = sceneryTile(sim, kind);
        sim.bodies.spawn(0, tx - 2.5, ty + 0.5, 0, 0);
        hold(sim, 0, InputBit.right, 40);
        expect(sim.bodies.x(0), `against a ${kind}`).toBe(tx - 0.375);
      }
    });

    it("an arrow stops at a tree or rock, which takes no damage and is never destroyed", () => {
      for (const kind of [TileKind.tree, TileKind.rock, TileKind.stone]) {
        const sim = plazaSim();
        const { tx, ty } = sceneryTile(sim, kind);
        const before = sim.tiles.hash();
        sim.bodies.spawn(0, tx - 2.5, ty + 0.5, 0, 0);
        sim.combat.arm(0, Weapon.arrow, 100);
        const events: string[] = [];
        for (let shot = 0; shot < 30; shot++) {
          sim.combat.setCooldown(0, 0);
          sim.combat.setStamina(0, MAX_STAMINA);
          sim.bodies.setInput(0, InputBit.fire, 1, 0);
          for (let i = 0; i < 20; i++) {
            sim.step();
            events.push(...sim.combat.drainEvents().map((e) => e.type));
          }
        }
        expect(events.filter((e) => e === "spawn").length, `shots at a ${kind}`).toBe(30);
        expect(events.filter((e) => e !== "spawn"), `a ${kind} is not hit`).toEqual([]);
        expect(sim.projectiles.end, "every arrow stopped").toBe(0);
        expect([sim.tiles.kind(tx, ty), sim.tiles.hp(tx, ty), sim.tiles.hash()]).toEqual([kind, 0, before]);
      }
    });
  });
}
