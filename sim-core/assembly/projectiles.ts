// Projectiles: a pool of PROJECTILE_CAPACITY slots (layout.ts), spawned by a body's fire input (combat.ts) and
// advanced once per world step after the bodies (or by stepProjectiles() alone, the page's predicted steps).
//
// Rules (the contract tests in sim-core/test/combat-contract.ts pin each one):
// - A projectile starts at its owner's centre and flies straight at its weapon's speed (the velocity is put on the
//   1/256 grid) for exactly the weapon's range: each step sweeps the segment it would fly, the last one only the
//   fraction of a step that is left, then it expires (an `expire` event). It also expires on leaving the world.
// - The segment is swept as a point against blocking tiles (a grid walk: every tile the segment enters is tested,
//   however fast it flies, so nothing tunnels) and as a box against every other alive body that is not
//   spawn-protected (layout.ts PROTECTED_PTR; such a body is passed through like a dead one), the body's box grown
//   by the weapon's radius. The first thing along the segment is hit; on an exact tie a tile wins over a body and a
//   lower body slot over a higher one. A body the segment starts inside is hit at once. Never the owner.
// - Bodies are tested where they were `rewind` world steps ago (the owner's setRewind when it fired; history.ts).
// - A body hit loses the weapon's damage (× 1.5 on a crit, drawn from the sim's PRNG; weapons.ts), and dies at
//   ≤ 0 hp. A tile hit loses the damage and is emptied at ≤ 0 hp. A splash weapon then also deals splashDamage
//   to every other alive body (not the owner, not the one hit directly) whose box lies within splashRadius of the
//   impact point. Then the projectile is gone.

import { buildBodyGrid, candidateAt, collectNear, hittable, sortCandidates } from "./body-grid";
import { worldMaxPosition, worldMinPosition } from "./bounds";
import { BODY_RADIUS, DT, PROJECTILE_CAPACITY } from "./constants";
import {
  EVENT_DEATH,
  EVENT_EXPIRE,
  EVENT_HIT,
  EVENT_SPAWN,
  EVENT_TILE_DESTROYED,
  EVENT_TILE_HIT,
  pushEvent,
} from "./events";
import { snapToGrid } from "./grid";
import { fnvByte, fnvF64, fnvMotion, fnvU32 } from "./hash";
import { historyX, historyY } from "./history";
import {
  ALIVE_PTR,
  HP_PTR,
  P_ACTIVE_PTR,
  P_DX_PTR,
  P_DY_PTR,
  P_OWNER_PTR,
  P_REWIND_PTR,
  P_STEPS_LEFT_PTR,
  P_VX_PTR,
  P_VY_PTR,
  P_WEAPON_PTR,
  P_X_PTR,
  P_Y_PTR,
  REWIND_PTR,
  loadF64,
  loadI32,
  loadU8,
  storeF64,
  storeI32,
  storeU8,
} from "./layout";
import { chance } from "./prng";
import { blockedAt, blockingTileCount, damageTile, tileIndestructible } from "./tiles";
import {
  CRIT_DENOMINATOR,
  CRIT_NUMERATOR,
  STAT_CRIT_CHANCE,
  STAT_DAMAGE,
  STAT_RADIUS,
  STAT_RANGE,
  STAT_SPEED,
  STAT_SPLASH_DAMAGE,
  STAT_SPLASH_RADIUS,
  weaponStat,
} from "./weapons";

/** One past the highest projectile slot in use. */
let projectileEnd: i32 = 0;
/** No slot below this one is free: where the search for a free slot starts. */
let firstFree: i32 = 0;
/** Shots fired while every slot was in flight (the shot is lost, its cooldown and stamina spent). */
let lostShots: i32 = 0;

export function getProjectileEnd(): i32 {
  return projectileEnd;
}

export function getLostShots(): i32 {
  return lostShots;
}

export function isProjectileActive(p: i32): bool {
  return <u32>p < <u32>PROJECTILE_CAPACITY && loadU8(P_ACTIVE_PTR, p) != 0;
}

/** Spawns a projectile of `weapon` from body `owner` at (x, y) along the unit vector (ux, uy); -1 if the pool is full. */
export function spawnProjectile(owner: i32, weapon: i32, x: f64, y: f64, ux: f64, uy: f64): i32 {
  const speed = weaponStat(weapon, STAT_SPEED);
  const vx = snapToGrid(ux * speed);
  const vy = snapToGrid(uy * speed);
  let p = firstFree;
  while (p < PROJECTILE_CAPACITY && loadU8(P_ACTIVE_PTR, p) != 0) p++;
  if (p >= PROJECTILE_CAPACITY) {
    lostShots++;
    return -1;
  }
  firstFree = p + 1;
  if (p >= projectileEnd) projectileEnd = p + 1;
  const stepLength = Math.sqrt(vx * vx + vy * vy) * DT;
  storeU8(P_ACTIVE_PTR, p, 1);
  storeF64(P_X_PTR, p, x);
  storeF64(P_Y_PTR, p, y);
  storeF64(P_VX_PTR, p, vx);
  storeF64(P_VY_PTR, p, vy);
  storeF64(P_DX_PTR, p, vx * DT);
  storeF64(P_DY_PTR, p, vy * DT);
  storeF64(P_STEPS_LEFT_PTR, p, stepLength > 0.0 ? weaponStat(weapon, STAT_RANGE) / stepLength : 0.0);
  storeI32(P_OWNER_PTR, p, owner);
  storeU8(P_WEAPON_PTR, p, <u8>weapon);
  storeU8(P_REWIND_PTR, p, loadU8(REWIND_PTR, owner));
  pushEvent(EVENT_SPAWN, p, owner, 0, 0, 0, 0);
  return p;
}

function freeProjectile(p: i32): void {
  storeU8(P_ACTIVE_PTR, p, 0);
  storeF64(P_X_PTR, p, 0.0);
  storeF64(P_Y_PTR, p, 0.0);
  storeF64(P_VX_PTR, p, 0.0);
  storeF64(P_VY_PTR, p, 0.0);
  storeF64(P_DX_PTR, p, 0.0);
  storeF64(P_DY_PTR, p, 0.0);
  storeF64(P_STEPS_LEFT_PTR, p, 0.0);
  storeI32(P_OWNER_PTR, p, 0);
  storeU8(P_WEAPON_PTR, p, 0);
  storeU8(P_REWIND_PTR, p, 0);
  if (p < firstFree) firstFree = p;
  while (projectileEnd > 0 && loadU8(P_ACTIVE_PTR, projectileEnd - 1) == 0) projectileEnd--;
}

/** Removes a projectile in flight with an `expire` event. */
export function expireProjectile(p: i32): void {
  pushEvent(EVENT_EXPIRE, p, 0, 0, 0, 0, 0);
  freeProjectile(p);
}

/** Expires every projectile `owner` fired (its body is leaving the world). */
export function expireProjectilesOf(owner: i32): void {
  for (let p = 0; p < projectileEnd; p++) {
    if (loadU8(P_ACTIVE_PTR, p) != 0 && loadI32(P_OWNER_PTR, p) == owner) expireProjectile(p);
  }
}

// The tile a segment hits, set by firstBlockedTile().
let hitTx: i32 = 0;
let hitTy: i32 = 0;

/** No hit: any t above 1. */
const NO_HIT: f64 = 2.0;

/**
 * The fraction t in [0, 1] of the segment (x, y) + t·(ex, ey) at which the point enters its first blocking tile
 * (0 if it starts in one), or NO_HIT. A grid walk (Amanatides & Woo): tiles are visited in the order the segment
 * enters them; crossing a corner exactly steps y before x. Only called for segments inside the world's padding.
 */
function firstBlockedTile(x: f64, y: f64, ex: f64, ey: f64): f64 {
  let tx = <i32>Math.floor(x);
  let ty = <i32>Math.floor(y);
  if (blockedAt(tx, ty) != 0) {
    hitTx = tx;
    hitTy = ty;
    return 0.0;
  }
  const stepX: i32 = ex > 0.0 ? 1 : ex < 0.0 ? -1 : 0;
  const stepY: i32 = ey > 0.0 ? 1 : ey < 0.0 ? -1 : 0;
  let nextX = stepX > 0 ? (<f64>(tx + 1) - x) / ex : stepX < 0 ? (<f64>tx - x) / ex : NO_HIT;
  let nextY = stepY > 0 ? (<f64>(ty + 1) - y) / ey : stepY < 0 ? (<f64>ty - y) / ey : NO_HIT;
  const deltaX = stepX != 0 ? 1.0 / Math.abs(ex) : NO_HIT;
  const deltaY = stepY != 0 ? 1.0 / Math.abs(ey) : NO_HIT;
  while (true) {
    let t: f64;
    if (nextX < nextY) {
      t = nextX;
      if (t > 1.0) return NO_HIT;
      tx += stepX;
      nextX += deltaX;
    } else {
      t = nextY;
      if (t > 1.0) return NO_HIT;
      ty += stepY;
      nextY += deltaY;
    }
    if (blockedAt(tx, ty) != 0) {
      hitTx = tx;
      hitTy = ty;
      return t;
    }
  }
  return NO_HIT;
}

/** The window [slabEnter, slabExit] of the segment's t that segmentEntersBox narrows axis by axis. */
let slabEnter: f64 = 0.0;
let slabExit: f64 = 1.0;

/**
 * Narrows the window to where the segment's coordinate p + t·e lies inside the open slab centre ± half of one axis
 * (inv = 1/e, unused when e is 0). False when it never does: the segment misses the box.
 */
function narrowToSlab(p: f64, e: f64, inv: f64, centre: f64, half: f64): bool {
  if (e == 0.0) return !(p <= centre - half || p >= centre + half);
  let t1 = (centre - half - p) * inv;
  let t2 = (centre + half - p) * inv;
  if (t1 > t2) {
    const swap = t1;
    t1 = t2;
    t2 = swap;
  }
  if (t1 > slabEnter) slabEnter = t1;
  if (t2 < slabExit) slabExit = t2;
  return true;
}

/**
 * The fraction t in [0, 1] at which the segment (x, y) + t·(ex, ey) enters the open box (bx ± half) × (by ± half)
 * (0 if it starts inside), or NO_HIT. Slabs; invX/invY are 1/ex and 1/ey (unused when that component is 0).
 */
function segmentEntersBox(x: f64, y: f64, ex: f64, ey: f64, invX: f64, invY: f64, bx: f64, by: f64, half: f64): f64 {
  slabEnter = 0.0;
  slabExit = 1.0;
  if (!narrowToSlab(x, ex, invX, bx, half)) return NO_HIT;
  if (!narrowToSlab(y, ey, invY, by, half)) return NO_HIT;
  return slabEnter < slabExit ? slabEnter : NO_HIT;
}

/** Deals `damage` to body `target` from a projectile of `owner`: a `hit` event, and a `death` at ≤ 0 hp. */
function damageBody(p: i32, owner: i32, target: i32, damage: i32, crit: bool): void {
  let hp = loadI32(HP_PTR, target) - damage;
  if (hp < 0) hp = 0;
  storeI32(HP_PTR, target, hp);
  pushEvent(EVENT_HIT, p, owner, target, damage, crit ? 1 : 0, hp);
  if (hp == 0) {
    storeU8(ALIVE_PTR, target, 0);
    pushEvent(EVENT_DEATH, target, owner, 0, 0, 0, 0);
  }
}

/** Splash: splashDamage to every other alive body whose box lies within the weapon's splashRadius of (ix, iy). */
function splash(p: i32, owner: i32, weapon: i32, direct: i32, ix: f64, iy: f64, xs: usize, ys: usize): void {
  const radius = weaponStat(weapon, STAT_SPLASH_RADIUS);
  if (radius <= 0.0) return;
  const radiusSq = radius * radius;
  const damage = <i32>weaponStat(weapon, STAT_SPLASH_DAMAGE);
  // The bodies near the impact, in slot order (the order of their hit events).
  const reach = radius + BODY_RADIUS;
  const count = collectNear(ix - reach, ix + reach, iy - reach, iy + reach);
  sortCandidates(count);
  for (let i = 0; i < count; i++) {
    const b = candidateAt(i);
    if (b == owner || b == direct || !hittable(b)) continue;
    let dx = Math.abs(ix - loadF64(xs, b)) - BODY_RADIUS;
    let dy = Math.abs(iy - loadF64(ys, b)) - BODY_RADIUS;
    if (dx < 0.0) dx = 0.0;
    if (dy < 0.0) dy = 0.0;
    if (dx * dx + dy * dy <= radiusSq) damageBody(p, owner, b, damage, false);
  }
}

/** Advances one projectile by one step: hit, expire or fly on. */
function advance(p: i32): void {
  const x = loadF64(P_X_PTR, p);
  const y = loadF64(P_Y_PTR, p);
  const stepsLeft = loadF64(P_STEPS_LEFT_PTR, p);
  const fraction = stepsLeft < 1.0 ? stepsLeft : 1.0;
  const ex = loadF64(P_DX_PTR, p) * fraction;
  const ey = loadF64(P_DY_PTR, p) * fraction;
  const owner = loadI32(P_OWNER_PTR, p);
  const weapon = <i32>loadU8(P_WEAPON_PTR, p);

  let best = NO_HIT;
  if (blockingTileCount() != 0) best = firstBlockedTile(x, y, ex, ey);
  const tileTx = hitTx;
  const tileTy = hitTy;

  // Bodies, where they were `rewind` steps ago. A cheap reject first: the segment's bounding box grown by `half`.
  const rewind = <i32>loadU8(P_REWIND_PTR, p);
  const xs = historyX(rewind);
  const ys = historyY(rewind);
  const half = BODY_RADIUS + weaponStat(weapon, STAT_RADIUS);
  const midX = x + ex * 0.5;
  const midY = y + ey * 0.5;
  const reachX = Math.abs(ex) * 0.5 + half;
  const reachY = Math.abs(ey) * 0.5 + half;
  const invX = ex != 0.0 ? 1.0 / ex : 0.0;
  const invY = ey != 0.0 ? 1.0 / ey : 0.0;
  let target = -1;
  // Only the bodies near the segment (body-grid.ts), in no particular order: the nearest wins and, on an exact tie,
  // the lower slot, as a scan in slot order would pick (a tile still wins a tie: a body must come strictly first).
  const count = collectNear(midX - reachX, midX + reachX, midY - reachY, midY + reachY);
  for (let i = 0; i < count; i++) {
    const b = candidateAt(i);
    if (b == owner || !hittable(b)) continue;
    const bx = loadF64(xs, b);
    const by = loadF64(ys, b);
    if (Math.abs(bx - midX) >= reachX || Math.abs(by - midY) >= reachY) continue;
    const t = segmentEntersBox(x, y, ex, ey, invX, invY, bx, by, half);
    if (t < best || (t == best && target >= 0 && b < target)) {
      best = t;
      target = b;
    }
  }

  if (best <= 1.0) {
    const ix = x + ex * best;
    const iy = y + ey * best;
    const damage = <i32>weaponStat(weapon, STAT_DAMAGE);
    if (target >= 0) {
      const crit = chance(weaponStat(weapon, STAT_CRIT_CHANCE));
      damageBody(p, owner, target, crit ? (damage * CRIT_NUMERATOR) / CRIT_DENOMINATOR : damage, crit);
    } else if (!tileIndestructible(tileTx, tileTy)) {
      // Scenery stops the projectile and takes nothing: no hit, no event (it is never destroyed).
      const hp = damageTile(tileTx, tileTy, damage);
      pushEvent(EVENT_TILE_HIT, p, owner, tileTx, tileTy, damage, hp > 0 ? hp : 0);
      if (hp <= 0) pushEvent(EVENT_TILE_DESTROYED, tileTx, tileTy, owner, 0, 0, 0);
    }
    splash(p, owner, weapon, target, ix, iy, xs, ys);
    freeProjectile(p);
    return;
  }

  const nx = x + ex;
  const ny = y + ey;
  const left = stepsLeft - 1.0;
  const minPosition = worldMinPosition();
  const maxPosition = worldMaxPosition();
  if (left <= 0.0 || nx > maxPosition || nx < minPosition || ny > maxPosition || ny < minPosition) {
    expireProjectile(p);
    return;
  }
  storeF64(P_X_PTR, p, nx);
  storeF64(P_Y_PTR, p, ny);
  storeF64(P_STEPS_LEFT_PTR, p, left);
}

/**
 * Advances every projectile in flight by one step, in slot order, after filing the bodies they may meet in the body
 * grid (by their positions over the deepest rewind in flight).
 */
export function advanceProjectiles(): void {
  if (projectileEnd == 0) return;
  let maxRewind = 0;
  for (let p = 0; p < projectileEnd; p++) {
    if (loadU8(P_ACTIVE_PTR, p) == 0) continue;
    const rewind = <i32>loadU8(P_REWIND_PTR, p);
    if (rewind > maxRewind) maxRewind = rewind;
  }
  buildBodyGrid(maxRewind);
  for (let p = 0; p < projectileEnd; p++) {
    if (loadU8(P_ACTIVE_PTR, p) != 0) advance(p);
  }
}

/**
 * Folds each projectile in flight into `hash` (stateHash's part for them): slot u32, x, y, vx, vy, steps left as f64,
 * owner u32, weapon and rewind bytes.
 */
export function foldProjectiles(hash: u32): u32 {
  for (let p = 0; p < projectileEnd; p++) {
    if (loadU8(P_ACTIVE_PTR, p) == 0) continue;
    hash = fnvU32(hash, <u32>p);
    hash = fnvMotion(hash, loadF64(P_X_PTR, p), loadF64(P_Y_PTR, p), loadF64(P_VX_PTR, p), loadF64(P_VY_PTR, p));
    hash = fnvF64(hash, loadF64(P_STEPS_LEFT_PTR, p));
    hash = fnvU32(hash, <u32>loadI32(P_OWNER_PTR, p));
    hash = fnvByte(hash, loadU8(P_WEAPON_PTR, p));
    hash = fnvByte(hash, loadU8(P_REWIND_PTR, p));
  }
  return hash;
}
