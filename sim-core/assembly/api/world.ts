// The world as a whole: its bounds, its step and its hash.

import * as C from "../constants";
import * as combat from "../combat";
import { FNV_OFFSET, fnvByte, fnvF64, fnvMotion, fnvU32 } from "../hash";
import { setBounds, validWorldTiles, worldMaxTile, worldMinTile } from "../bounds";
import { sanitizePosition } from "../grid";
import { recordHistory, resetHistory } from "../history";
import {
  ACTIVE_PTR,
  ALIVE_PTR,
  COOLDOWN_PTR,
  HP_PTR,
  INPUT_PTR,
  MAX_HP_PTR,
  PROTECTED_PTR,
  REWIND_PTR,
  STAMINA_PTR,
  VX_PTR,
  VY_PTR,
  WEAPON_PTR,
  X_PTR,
  Y_PTR,
  getSlotEnd,
  loadF64,
  loadI32,
  loadU8,
  storeF64,
  storeU8,
} from "../layout";
import { prngState } from "../prng";
import * as projectiles from "../projectiles";
import { clearTilesOutside, foldTiles } from "../tiles";

/**
 * Makes the world the square of tiles minTile..maxTile on each axis (positions minTile..maxTile + 1 m): a square of
 * the tile storage (TILE_MIN..TILE_MAX) holding the origin's tile, else false and nothing changes. Tiles outside it
 * are emptied; active bodies outside it are clamped into it (their history reset there). A sim starts with the
 * default world, a `room`'s -64..63; a host sets its room's world once, before anything else happens in it.
 */
export function setWorldTiles(minTile: i32, maxTile: i32): bool {
  if (!validWorldTiles(minTile, maxTile)) return false;
  if (minTile == worldMinTile() && maxTile == worldMaxTile()) return true;
  clearTilesOutside(minTile, maxTile);
  setBounds(minTile, maxTile);
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    const x = loadF64(X_PTR, slot);
    const y = loadF64(Y_PTR, slot);
    const clampedX = sanitizePosition(x);
    const clampedY = sanitizePosition(y);
    if (clampedX == x && clampedY == y) continue;
    storeF64(X_PTR, slot, clampedX);
    storeF64(Y_PTR, slot, clampedY);
    resetHistory(slot);
  }
  return true;
}

export { worldMinTile, worldMaxTile };

/**
 * The world step: first records where the bodies are for lag compensation (history.ts) — the state the last
 * snapshot showed, a catching-up body's extra step (stepBody) included — then advances every body with a queued
 * input by one fixed step (combat.ts) and clears the queue, then every projectile (projectiles.ts).
 */
export function step(): void {
  const end = getSlotEnd();
  recordHistory(end);
  for (let slot = 0; slot < end; slot++) {
    const input = loadU8(INPUT_PTR, slot);
    if (input == 0) continue;
    storeU8(INPUT_PTR, slot, 0);
    combat.stepBodyWithInput(slot, <i32>input & C.INPUT_MASK);
  }
  projectiles.advanceProjectiles();
}

/**
 * FNV-1a over (slot u32, x, y, vx, vy as raw f64 bits) of every active slot in slot order, all little-endian, each
 * followed, when its combat state is not a fresh body's, by the byte 0xC0, weapon, alive and rewind bytes, hp, maxHp
 * and cooldown (u32) and stamina (f64), and while it is spawn-protected by the byte 0xC1; then over each projectile
 * in flight (slot u32, x, y, vx, vy, steps left as f64, owner u32, weapon and rewind bytes); then, once the PRNG has
 * left its initial state, the byte 0xD0 and that state (u32); then over the non-empty tiles as in tilesHash(). A
 * world that never used combat hashes as it did before combat existed; without tiles it is the bodies' hash alone.
 */
export function stateHash(): u32 {
  let hash = FNV_OFFSET;
  const end = getSlotEnd();
  for (let slot = 0; slot < end; slot++) {
    if (loadU8(ACTIVE_PTR, slot) == 0) continue;
    hash = fnvU32(hash, <u32>slot);
    hash = fnvMotion(hash, loadF64(X_PTR, slot), loadF64(Y_PTR, slot), loadF64(VX_PTR, slot), loadF64(VY_PTR, slot));
    if (!combat.hasDefaultCombat(slot)) {
      hash = fnvByte(hash, 0xc0);
      hash = fnvByte(hash, loadU8(WEAPON_PTR, slot));
      hash = fnvByte(hash, loadU8(ALIVE_PTR, slot));
      hash = fnvByte(hash, loadU8(REWIND_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(HP_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(MAX_HP_PTR, slot));
      hash = fnvU32(hash, <u32>loadI32(COOLDOWN_PTR, slot));
      hash = fnvF64(hash, loadF64(STAMINA_PTR, slot));
    }
    if (loadU8(PROTECTED_PTR, slot) != 0) hash = fnvByte(hash, 0xc1);
  }
  hash = projectiles.foldProjectiles(hash);
  if (prngState() != 0) {
    hash = fnvByte(hash, 0xd0);
    hash = fnvU32(hash, prngState());
  }
  return foldTiles(hash);
}
