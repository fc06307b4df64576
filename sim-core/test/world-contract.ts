import { describe, expect, it } from "vitest";
import { DEFAULT_WORLD, InputBit, MAX_STAMINA, TILE_MAX, TILE_MIN, TileKind, type WasmSim, Weapon } from "../src/index.ts";
import { hold, read } from "./body-helpers.ts";

/** A `plaza`'s world: the largest the sim holds, 512 m (tiles -256..255). */
const PLAZA = { minTile: TILE_MIN, maxTile: TILE_MAX } as const;
const EDGE = TILE_MAX + 1;

/** Fires an arrow from `slot` along (ax, ay) and steps until it is gone; the events of its flight, spawn excluded. */
function arrowFlight(sim: WasmSim, slot: number, ax: number, ay: number): string[] {
  sim.combat.setCooldown(slot, 0);
  sim.combat.setStamina(slot, MAX_STAMINA);
  sim.bodies.setInput(slot, InputBit.fire, ax, ay);
  sim.step();
  const events = sim.combat.drainEvents();
  for (let i = 0; i < 200 && sim.projectiles.end > 0; i++) {
    sim.step();
    events.push(...sim.combat.drainEvents());
  }
  return events.filter((e) => e.type !== "spawn").map((e) => (e.type === "hit" ? `hit ${e.target}` : e.type));
}

/**
 * A room's world is a setting of its sim (`setWorld`): the default 128 m square until then, a `plaza`'s 512 m after,
 * with bodies, tiles and projectiles bound by it.
 */
export function describeWorldContract(name: string, makeSim: () => WasmSim): void {
  describe(`${name} (world bounds)`, () => {
    it("starts with the default 128 m world", () => {
      expect(makeSim().world).toEqual(DEFAULT_WORLD);
      expect(DEFAULT_WORLD).toEqual({ minTile: -64, maxTile: 63 });
    });

    it("in a plaza, bodies range over 512 m and are clamped at its edge (not at 64 m)", () => {
      const sim = makeSim();
      sim.setWorld(PLAZA);
      expect(sim.world).toEqual(PLAZA);
      sim.bodies.spawn(0, 1000, -1000, 0, 0);
      expect([sim.bodies.x(0), sim.bodies.y(0)]).toEqual([EDGE, -EDGE]);
      sim.bodies.spawn(1, 63.9, 200.5, 0, 0);
      hold(sim, 1, InputBit.right, 30);
      expect(sim.bodies.x(1)).toBeGreaterThan(66);
      sim.bodies.spawn(2, EDGE - 0.1, 0, 0, 0);
      hold(sim, 2, InputBit.right, 10);
      expect(read(sim, 2)).toMatchObject({ x: EDGE, vx: 0 });
    });

    it("in a plaza, tiles -256..255 can be set and block bodies there; beyond them nothing can", () => {
      const sim = makeSim();
      sim.setWorld(PLAZA);
      expect(sim.tiles.set(TILE_MIN, TILE_MIN, TileKind.wall)).toBe(true);
      expect(sim.tiles.set(TILE_MAX, TILE_MAX, TileKind.crate)).toBe(true);
      expect(sim.tiles.set(TILE_MAX + 1, 0, TileKind.wall)).toBe(false);
      expect(sim.tiles.set(0, TILE_MIN - 1, TileKind.wall)).toBe(false);
      sim.tiles.set(201, 200, TileKind.wall);
      sim.bodies.spawn(0, 200.5, 200.5, 0, 0);
      hold(sim, 0, InputBit.right, 20);
      expect(sim.bodies.x(0)).toBe(201 - 0.375);
    });

    it("a 128 m world refuses the plaza's outer tiles and keeps bodies within 64 m", () => {
      const sim = makeSim();
      expect(sim.tiles.set(64, 0, TileKind.wall)).toBe(false);
      expect(sim.tiles.set(TILE_MIN, 0, TileKind.wall)).toBe(false);
      expect(sim.tiles.isOccupied(64, 0)).toBe(false);
      sim.bodies.spawn(0, 200, 0, 0, 0);
      expect(sim.bodies.x(0)).toBe(64);
    });

    it("projectiles fly on past 64 m in a plaza and expire at its edge; they meet bodies far from the origin", () => {
      const sim = makeSim();
      sim.setWorld(PLAZA);
      sim.bodies.spawn(0, 60, 100, 0, 0);
      sim.combat.arm(0, Weapon.arrow, 100);
      sim.bodies.spawn(1, 80, 100, 0, 0);
      sim.combat.arm(1, Weapon.arrow, 100);
      expect(arrowFlight(sim, 0, 1, 0)).toEqual(["hit 1"]);
      sim.bodies.spawn(2, EDGE - 5, -200, 0, 0);
      sim.combat.arm(2, Weapon.arrow, 100);
      expect(arrowFlight(sim, 2, 1, 0)).toEqual(["expire"]);
      sim.bodies.spawn(3, -200, -230, 0, 0);
      sim.combat.arm(3, Weapon.bolt, 100);
      sim.bodies.spawn(4, -200, -224, 0, 0);
      sim.bodies.spawn(5, -199.5, -223, 0, 0);
      sim.combat.arm(4, Weapon.none, 100);
      sim.combat.arm(5, Weapon.none, 100);
      // A bolt's direct hit on 4, then its splash on 5 beside it.
      expect(arrowFlight(sim, 3, 0, 1)).toEqual(["hit 4", "hit 5"]);
    });

    it("shrinking the world empties the tiles outside it and brings bodies inside", () => {
      const sim = makeSim();
      sim.setWorld(PLAZA);
      sim.tiles.set(100, 100, TileKind.wall);
      sim.tiles.set(10, 10, TileKind.wall);
      sim.bodies.spawn(0, 150, -150, 0, 0);
      sim.setWorld(DEFAULT_WORLD);
      expect([sim.tiles.kind(100, 100), sim.tiles.kind(10, 10), sim.tiles.blockingCount]).toEqual([TileKind.empty, TileKind.wall, 1]);
      expect([sim.bodies.x(0), sim.bodies.y(0)]).toEqual([64, -64]);
    });

    it("refuses worlds it cannot hold", () => {
      const sim = makeSim();
      for (const world of [
        { minTile: TILE_MIN - 1, maxTile: 0 },
        { minTile: -1, maxTile: TILE_MAX + 1 },
        { minTile: 1, maxTile: 10 },
        { minTile: -10, maxTile: -1 },
        { minTile: -1.5, maxTile: 10 },
        { minTile: Number.NaN, maxTile: 10 },
      ]) {
        expect(() => sim.setWorld(world), JSON.stringify(world)).toThrow(RangeError);
      }
      expect(sim.world).toEqual(DEFAULT_WORLD);
    });
  });
}
