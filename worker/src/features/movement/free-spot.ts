import type { WorldRules } from "@edgehold/protocol";
import { clearOfTiles } from "./spawn-point.ts";
import type { Sim } from "@edgehold/sim-core";

/**
 * How far (in tiles) to look for a free spot around a body walled in while its player was away: 24 m is far beyond any
 * wall a player can build around a spot (a player owns at most 1,000 structures, and nobody may build within reach of
 * a body), yet a search of at most 49 × 49 tiles.
 */
const SEARCH_RADIUS_TILES = 24;

/**
 * The nearest point to (x, y) where a body overlaps no blocking tile: (x, y) itself when it is clear, else the centre
 * of the nearest tile (by distance to its centre; ties go to the first found, row by row) inside the world that holds
 * nothing blocking. A body there overlaps that tile only (it is smaller than a tile), so it stands free. Undefined when
 * none is within the search radius.
 */
export function nearestFreeSpot(sim: Sim, world: WorldRules, x: number, y: number): { x: number; y: number } | undefined {
  if (clearOfTiles(sim, x, y)) return { x, y };
  const cx = Math.floor(x);
  const cy = Math.floor(y);
  let best: { x: number; y: number } | undefined;
  let bestSq = Infinity;
  for (let ring = 0; ring <= SEARCH_RADIUS_TILES; ring++) {
    // Every tile of this ring is at least `ring - 1` m away: once that exceeds the best so far, nothing nearer remains.
    if ((ring - 1) * (ring - 1) > bestSq) break;
    for (let ty = cy - ring; ty <= cy + ring; ty++) {
      for (let tx = cx - ring; tx <= cx + ring; tx++) {
        if (Math.max(Math.abs(tx - cx), Math.abs(ty - cy)) !== ring) continue;
        if (tx < world.minTile || tx > world.maxTile || ty < world.minTile || ty > world.maxTile) continue;
        const px = tx + 0.5;
        const py = ty + 0.5;
        const sq = (px - x) * (px - x) + (py - y) * (py - y);
        if (sq < bestSq && clearOfTiles(sim, px, py)) {
          best = { x: px, y: py };
          bestSq = sq;
        }
      }
    }
  }
  return best;
}
