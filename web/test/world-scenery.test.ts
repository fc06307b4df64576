import { generateScenery, sceneryHash, TILE_MAX, TILE_MIN, TileKind, WasmSim } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { adoptWorld, sceneryOf } from "../src/sim/world-scenery.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();
const PLAZA = { minTile: TILE_MIN, maxTile: TILE_MAX };

describe("the welcome's world in the page's predicting sim", () => {
  it("a plaza's welcome puts exactly the room's scenery tiles into the sim (the room's generator, its seed)", () => {
    const sim = WasmSim.fromModule(simModule);
    const bounded: unknown[] = [];
    adoptWorld({ ...PLAZA, scenerySeed: 77 }, sim, [{ setWorld: (world) => bounded.push(world) }]);
    expect(sim.world).toEqual(PLAZA);
    expect(bounded).toEqual([{ ...PLAZA, scenerySeed: 77 }]);
    expect(sim.tiles.hash()).toBe(sceneryHash(generateScenery(77, PLAZA)));
    // A reconnect's welcome: the same tiles, nothing more; and the renderer reads the very same scenery.
    adoptWorld({ ...PLAZA, scenerySeed: 77 }, sim, []);
    expect(sim.tiles.hash()).toBe(sceneryHash(generateScenery(77, PLAZA)));
    expect(sceneryOf({ ...PLAZA, scenerySeed: 77 })).toBe(sceneryOf({ ...PLAZA, scenerySeed: 77 }));
    const tree = sceneryOf({ ...PLAZA, scenerySeed: 77 })!.tiles.find((t) => t.kind === TileKind.tree)!;
    expect(sim.tiles.isScenery(tree.tx, tree.ty)).toBe(true);
  });

  it("a world without a seed (a room) gets no scenery", () => {
    const sim = WasmSim.fromModule(simModule);
    adoptWorld({ minTile: -64, maxTile: 63, spawnRing: { minRadius: 4, maxRadius: 8 } }, sim, []);
    expect([sim.tiles.blockingCount, sceneryOf({ minTile: -64, maxTile: 63 })]).toEqual([0, undefined]);
  });
});
