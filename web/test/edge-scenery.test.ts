import { TileKind } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { edgeScenery } from "../src/render/edge-scenery.ts";

describe("the scenery beyond a plain room's edge", () => {
  const half = 64;
  const { tiles } = edgeScenery(half);

  it("is a wood of trees with a rock now and then, all in the band outside the world", () => {
    expect(tiles.length).toBeGreaterThan(200);
    for (const { tx, ty } of tiles) {
      const beyond = Math.max(Math.abs(tx + 0.5), Math.abs(ty + 0.5)) - half;
      expect(beyond).toBeGreaterThanOrEqual(3);
      expect(beyond).toBeLessThanOrEqual(15);
    }
    const rocks = tiles.filter((t) => t.kind === TileKind.rock).length;
    expect(rocks).toBeGreaterThan(0);
    expect(rocks).toBeLessThan(tiles.length / 4);
  });

  it("is the same on every page and every visit", () => {
    expect(edgeScenery(half)).toEqual({ tiles, landmarks: [] });
  });
});
