import { TileKind, mulberry32, type Scenery, type SceneryTile } from "@edgehold/sim-core";

/** The band beyond the world's edge that gets trees and rocks (m): deep enough to read as a wood, then fog. */
const BAND_FROM = 3;
const BAND_TO = 15;
/** One tree or rock per this many m along the edge and across the band, on average: a wood, not a wall. */
const SPACING = 3;
/** The edge's own seed: every page draws the same wood (plazas' scenery has the room's seed, from the welcome). */
const EDGE_SEED = 0x0ed9e;

/**
 * A little scenery beyond the edge of a world that has none of its own (a plain room): trees, and a rock now and
 * then, in a band outside the bounds, so the edge of the world reads as the edge of a clearing. Purely a look: the
 * tiles lie outside the world, where no body can go and the sim holds nothing. Drawn by the plazas' SceneryLayer
 * (the same trees and rocks); placed by the sim's seeded PRNG (mulberry32) in a fixed order, the same on every page.
 */
export function edgeScenery(halfExtent: number): Scenery {
  const tiles: SceneryTile[] = [];
  const outer = Math.ceil(halfExtent + BAND_TO);
  const random = mulberry32(EDGE_SEED);
  for (let ty = -outer; ty < outer; ty++) {
    for (let tx = -outer; tx < outer; tx++) {
      const beyond = Math.max(Math.abs(tx + 0.5), Math.abs(ty + 0.5)) - halfExtent;
      if (beyond < BAND_FROM || beyond > BAND_TO) continue;
      const h = random() / 4294967296;
      if (h >= 1 / (SPACING * SPACING)) continue;
      tiles.push({ tx, ty, kind: h < 0.1 / (SPACING * SPACING) ? TileKind.rock : TileKind.tree });
    }
  }
  return { tiles, landmarks: [] };
}
