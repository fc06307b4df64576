// Tiles: the static world of 1 m squares (tiles.ts) and which bodies stand on them.

import * as C from "../constants";
import { boxOverlapsTile } from "../collision";
import { FNV_OFFSET } from "../hash";
import { ACTIVE_PTR, X_PTR, Y_PTR, getSlotEnd, loadF64, loadU8 } from "../layout";
import { blockingTileCount, clearAllTiles, foldTiles, putTile, tileAt, tileHpAt } from "../tiles";

/**
 * Sets tile (tx, ty) to `kind` with `hp` hit points (≤ 0: the kind's default); returns 0 (and changes nothing)
 * outside the world or for an unknown kind.
 */
export function setTile(tx: i32, ty: i32, kind: i32, hp: i32): bool {
  return putTile(tx, ty, kind, hp);
}

/** The hit points of tile (tx, ty): 0 for an empty or floor tile or one outside the world. */
export function tileHp(tx: i32, ty: i32): i32 {
  return tileHpAt(tx, ty);
}

/** The kind of tile (tx, ty); TILE_EMPTY outside the world. */
export function getTile(tx: i32, ty: i32): i32 {
  return tileAt(tx, ty);
}

/** Empties every tile. Bodies are untouched. */
export function clearTiles(): void {
  clearAllTiles();
}

/** How many tiles block bodies. */
export function blockingTiles(): i32 {
  return blockingTileCount();
}

/**
 * True if some active body's box, grown by `margin` m on every side, overlaps tile (tx, ty) (touching a face does not
 * count). The room refuses to build a blocking tile that close to anyone (margin 0.25 m).
 */
export function isTileOccupied(tx: i32, ty: i32, margin: f64): bool {
  const end = getSlotEnd();
  const half = C.BODY_RADIUS + margin;
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    if (boxOverlapsTile(loadF64(X_PTR, slot), loadF64(Y_PTR, slot), half, tx, ty)) return true;
  }
  return false;
}

/** FNV-1a over the non-empty tiles only (tx, ty as u32, kind as a byte, row-major): the static world's hash. */
export function tilesHash(): u32 {
  return foldTiles(FNV_OFFSET);
}
