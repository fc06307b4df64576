import { TileKind, type Scenery, type SceneryTile } from "@edgehold/sim-core";

/** The band beyond the world's edge that gets trees and rocks (m): deep enough to read as a wood, then fog. */
const BAND_FROM = 3;
const BAND_TO = 15;
/** One tree or rock per this many m along the edge and across the band, on average: a wood, not a wall. */
const SPACING = 3;

/**
 * A little scenery beyond the edge of a world that has none of its own (a plain room): trees, and a rock now and
 * then, in a band outside the bounds, so the edge of the world reads as the edge of a clearing. Purely a look: the
 * tiles lie outside the world, where no body can go and the sim holds nothing. Drawn by the plazas' SceneryLayer
 * (the same trees and rocks); placed by a hash of the tile, the same on every page.
 */
export function edgeScenery(halfExtent: number): Scenery {
  const tiles: SceneryTile[] = [];
  const outer = Math.ceil(halfExtent + BAND_TO);
  for (let ty = -outer; ty < outer; ty++) {
    for (let tx = -outer; tx < outer; tx++) {
      const beyond = Math.max(Math.abs(tx + 0.5), Math.abs(ty + 0.5)) - halfExtent;
      if (beyond < BAND_FROM || beyond > BAND_TO) continue;
      const h = hash(tx, ty);
      if (h >= 1 / (SPACING * SPACING)) continue;
      tiles.push({ tx, ty, kind: h < 0.1 / (SPACING * SPACING) ? TileKind.rock : TileKind.tree });
    }
  }
  return { tiles, landmarks: [] };
}

/** 0..1 from a tile's coordinates (an integer hash): the same placement on every page and every visit. */
function hash(tx: number, ty: number): number {
  let h = Math.imul(tx, 374761393) + Math.imul(ty, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
