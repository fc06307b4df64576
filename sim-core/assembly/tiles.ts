// The static world: a grid of 1 m tiles, one kind byte and an i32 of hit points each, in static linear memory.
// Bodies collide with the blocking kinds (collision.ts); projectiles stop at them and damage them (projectiles.ts),
// except the indestructible ones (scenery), which keep 0 hp and take no damage.
// The storage holds the largest world (TILE_MIN..TILE_MAX); only the room's world (bounds.ts) is ever set, so every
// tile outside it is empty and never blocks.

import {
  BLOCKING_KINDS,
  INDESTRUCTIBLE_KINDS,
  TILE_CRATE,
  TILE_EMPTY,
  TILE_HP_CRATE,
  TILE_HP_WALL,
  TILE_KIND_COUNT,
  TILE_MAX,
  TILE_MIN,
  TILE_SPAN,
  TILE_WALL,
} from "./constants";
import { worldMaxTile, worldMinTile } from "./bounds";
import { fnvByte, fnvU32 } from "./hash";

/** Tile kinds, row-major: index (ty - TILE_MIN) * TILE_SPAN + (tx - TILE_MIN). */
const TILES_PTR: usize = memory.data(TILE_SPAN * TILE_SPAN, 16);

/** Hit points, same index as TILES_PTR; 0 for kinds that are never hit (empty, floor). */
const TILE_HP_PTR: usize = memory.data((TILE_SPAN * TILE_SPAN) << 2, 16);

/**
 * 1 where a tile blocks, else 0: what the sweeps read, a byte per tile so a test is one load and no kind lookup.
 * Padded by never-blocking tiles on every side: a box whose centre is inside the world and whose half extent is
 * below 0.5 m only ever reads tiles TILE_MIN - 1 .. TILE_MAX + 1, so the hot path needs no bounds check (one more
 * tile of padding is a margin for sweeps of longer moves that start at the world's edge).
 */
const BLOCKED_PAD: i32 = 2;
const BLOCKED_SPAN: i32 = TILE_SPAN + 2 * BLOCKED_PAD;
const BLOCKED_PTR: usize = memory.data(BLOCKED_SPAN * BLOCKED_SPAN, 16);

/** Tiles that are not empty, and those that block: 0 lets step() and the hashes skip the grid entirely. */
let nonEmptyTiles: i32 = 0;
let blockingTiles: i32 = 0;

/** True for a tile of the room's world (bounds.ts), a square inside the storage. */
export function tileInWorld(tx: i32, ty: i32): bool {
  const min = worldMinTile();
  const max = worldMaxTile();
  return tx >= min && tx <= max && ty >= min && ty <= max;
}

function tilePtr(tx: i32, ty: i32): usize {
  return TILES_PTR + <usize>((ty - TILE_MIN) * TILE_SPAN + (tx - TILE_MIN));
}

function blocks(kind: i32): bool {
  return ((BLOCKING_KINDS >> kind) & 1) != 0;
}

/** The kind at (tx, ty); TILE_EMPTY outside the world. */
export function tileAt(tx: i32, ty: i32): i32 {
  return tileInWorld(tx, ty) ? <i32>load<u8>(tilePtr(tx, ty)) : TILE_EMPTY;
}

/** The hit points a tile of `kind` gets when setTile is given none: walls and crates only. */
export function defaultTileHp(kind: i32): i32 {
  if (kind == TILE_WALL) return TILE_HP_WALL;
  if (kind == TILE_CRATE) return TILE_HP_CRATE;
  return 0;
}

/**
 * Sets a tile with `hp` hit points (≤ 0: the kind's default; kinds that never get hit always have 0); false (and
 * nothing changes) outside the world or for an unknown kind.
 */
export function putTile(tx: i32, ty: i32, kind: i32, hp: i32): bool {
  if (!tileInWorld(tx, ty) || <u32>kind >= <u32>TILE_KIND_COUNT) return false;
  const ptr = tilePtr(tx, ty);
  const old = <i32>load<u8>(ptr);
  if (old != TILE_EMPTY) nonEmptyTiles--;
  if (blocks(old)) blockingTiles--;
  if (kind != TILE_EMPTY) nonEmptyTiles++;
  if (blocks(kind)) blockingTiles++;
  store<u8>(ptr, <u8>kind);
  store<u8>(blockedPtr(tx, ty), blocks(kind) ? 1 : 0);
  store<i32>(tileHpPtr(tx, ty), !blocks(kind) || indestructible(kind) ? 0 : hp > 0 ? hp : defaultTileHp(kind));
  return true;
}

function indestructible(kind: i32): bool {
  return ((INDESTRUCTIBLE_KINDS >> kind) & 1) != 0;
}

/** True if tile (tx, ty) stops projectiles without taking damage (scenery). */
export function tileIndestructible(tx: i32, ty: i32): bool {
  return indestructible(tileAt(tx, ty));
}

function tileHpPtr(tx: i32, ty: i32): usize {
  return TILE_HP_PTR + (<usize>((ty - TILE_MIN) * TILE_SPAN + (tx - TILE_MIN)) << 2);
}

/** The hit points of tile (tx, ty); 0 outside the world. */
export function tileHpAt(tx: i32, ty: i32): i32 {
  return tileInWorld(tx, ty) ? load<i32>(tileHpPtr(tx, ty)) : 0;
}

/**
 * Takes `damage` from a blocking tile inside the world; at ≤ 0 hp it becomes empty. Returns the hit points left
 * (≤ 0 when destroyed).
 */
export function damageTile(tx: i32, ty: i32, damage: i32): i32 {
  const hp = load<i32>(tileHpPtr(tx, ty)) - damage;
  if (hp <= 0) putTile(tx, ty, TILE_EMPTY, 0);
  else store<i32>(tileHpPtr(tx, ty), hp);
  return hp;
}

function blockedPtr(tx: i32, ty: i32): usize {
  return BLOCKED_PTR + <usize>((ty - TILE_MIN + BLOCKED_PAD) * BLOCKED_SPAN + (tx - TILE_MIN + BLOCKED_PAD));
}

/** 1 if tile (tx, ty) blocks, else 0. Only for TILE_MIN - 2 ≤ tx, ty ≤ TILE_MAX + 2 (the padding): unchecked. */
// @ts-ignore: decorator
@inline
export function blockedAt(tx: i32, ty: i32): u32 {
  return <u32>load<u8>(blockedPtr(tx, ty));
}

export function clearAllTiles(): void {
  memory.fill(TILES_PTR, 0, <usize>(TILE_SPAN * TILE_SPAN));
  memory.fill(BLOCKED_PTR, 0, <usize>(BLOCKED_SPAN * BLOCKED_SPAN));
  memory.fill(TILE_HP_PTR, 0, <usize>(TILE_SPAN * TILE_SPAN) << 2);
  nonEmptyTiles = 0;
  blockingTiles = 0;
}

/** Empties every tile of the storage outside minTile..maxTile (the world is about to shrink to it). */
export function clearTilesOutside(minTile: i32, maxTile: i32): void {
  if (nonEmptyTiles == 0) return;
  for (let ty = TILE_MIN; ty <= TILE_MAX; ty++) {
    for (let tx = TILE_MIN; tx <= TILE_MAX; tx++) {
      if (tx >= minTile && tx <= maxTile && ty >= minTile && ty <= maxTile) continue;
      if (load<u8>(tilePtr(tx, ty)) != TILE_EMPTY) putTile(tx, ty, TILE_EMPTY, 0);
    }
  }
}

export function blockingTileCount(): i32 {
  return blockingTiles;
}

/**
 * Folds every non-empty tile into `hash` in row-major order: tx (i32 as u32), ty (i32 as u32), kind (one byte);
 * a tile whose hit points differ from its kind's default has its kind byte or'ed with 0x80 and its hp (u32) after
 * it (so a world of undamaged tiles hashes as it did before tiles had hp). Empty tiles add nothing, so a world
 * without tiles leaves `hash` unchanged. Only the room's world is read: every tile outside it is empty.
 */
export function foldTiles(hash: u32): u32 {
  if (nonEmptyTiles == 0) return hash;
  const min = worldMinTile();
  const max = worldMaxTile();
  const span = max - min + 1;
  for (let ty = min; ty <= max; ty++) {
    const row = tilePtr(min, ty);
    for (let i = 0; i < span; i += 8) {
      // Skip 8 empty tiles at a time: typical worlds are mostly empty. The last load of a row may read past the
      // world's edge (tiles outside it are empty, or the next row's, skipped by `end`): it stays in linear memory.
      if (load<u64>(row + <usize>i) == 0) continue;
      const end = i + 8 < span ? i + 8 : span;
      for (let j = i; j < end; j++) {
        const kind = <u32>load<u8>(row + <usize>j);
        if (kind == 0) continue;
        const tx = min + j;
        hash = fnvU32(hash, <u32>tx);
        hash = fnvU32(hash, <u32>ty);
        const hp = load<i32>(tileHpPtr(tx, ty));
        if (hp == defaultTileHp(<i32>kind)) {
          hash = fnvByte(hash, kind);
        } else {
          hash = fnvByte(hash, kind | 0x80);
          hash = fnvU32(hash, <u32>hp);
        }
      }
    }
  }
  return hash;
}
