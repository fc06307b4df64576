// Body-vs-tile collision: an axis-aligned box swept along one axis at a time against the blocking tiles.
//
// Rules (the contract tests in sim-core/test/collision-contract.ts pin each one):
// - A box is the open square (x ± half) × (y ± half). Touching a tile face is not overlapping it, so a body
//   resting flush against a wall slides along it without snagging on the seams between tiles.
// - Bodies are narrower than a tile (BODY_RADIUS < 0.5 m), so a box spans at most two rows or columns.
// - Per axis, x then y: the move along x is swept first (rows taken at the old y), then y (columns at the new x).
//   The leading edge stops flush at the first blocking tile face it would cross, and the caller zeroes that
//   velocity component; the other component is untouched, which is sliding. Every face between the old and new
//   edge is tested, however far the move, so nothing tunnels (MAX_SPEED × DT = 0.2 m is well below a tile
//   anyway, but projectiles will reuse these sweeps at higher speeds).
// - Diagonal gaps are closed: two blocking tiles that meet only at a corner cannot be passed between. A box is
//   0.75 m wide and can only be where it overlaps no blocking tile it entered, so it can never occupy the corner
//   point; with the per-axis order it just stops in the pocket.
// - Tiles a box already overlaps never block it (only faces ahead of its leading edge are tested). A body that
//   finds itself inside a tile (spawned or restored there) walks out instead of being stuck. Building on a tile
//   with a body on it is refused by the room (isTileOccupied), so this only happens on a spawn or a restore.
// Positions stay on the 1/256 grid: the target is snapped by the caller and a stop lands on face ± half, which is
// on the grid for every half that is (BODY_RADIUS = 96/256).

import { blockedAt } from "./tiles";

/** 1.5 × 2^52: adding it to a whole number of magnitude below 2^51 leaves that number in the low mantissa bits. */
const INT_MAGIC: f64 = 6755399441055744.0;

/**
 * A whole-valued f64 (the floor or ceil of a coordinate) as an i32, read from the mantissa: exact, and without
 * the range check and slow path that V8 emits for i32.trunc_sat_f64_s in the hot path.
 */
// @ts-ignore: decorator
@inline
function wholeToI32(v: f64): i32 {
  return <i32>reinterpret<i64>(v + INT_MAGIC);
}

// A box narrower than a tile (half < 0.5 m, as BODY_RADIUS is) spans at most two rows (columns), so a face test
// reads exactly two tiles, lo and hi, which may be the same one. Centres lie inside the world, so every tile read
// is within blockedAt's padding.

/** The first row (column) the open interval (c - half, c + half) overlaps: floor(c - half). */
// @ts-ignore: decorator
@inline
function firstCell(c: f64, half: f64): i32 {
  return wholeToI32(Math.floor(c - half));
}

/** The last row (column) the open interval (c - half, c + half) overlaps: ceil(c + half) - 1 (first or first + 1). */
// @ts-ignore: decorator
@inline
function lastCell(c: f64, half: f64): i32 {
  return wholeToI32(Math.ceil(c + half)) - 1;
}

/** The x a box centred at (x, y) reaches moving towards `target`: `target`, or flush against a blocking tile. */
export function sweepX(x: f64, y: f64, half: f64, target: f64): f64 {
  if (target > x) {
    // Left faces tx with x + half <= tx < target + half are crossed; reaching a face exactly is only touching.
    const edge = target + half;
    const first = Math.ceil(x + half);
    if (first >= edge) return target;
    let tx = wholeToI32(first);
    const lo = firstCell(y, half);
    const hi = lastCell(y, half);
    do {
      if ((blockedAt(tx, lo) | blockedAt(tx, hi)) != 0) return <f64>tx - half;
      tx++;
    } while (<f64>tx < edge);
  } else if (target < x) {
    // Right faces (tile tx's is tx + 1) with target - half < face <= x - half are crossed.
    const edge = target - half;
    const first = Math.floor(x - half);
    if (first <= edge) return target;
    let face = wholeToI32(first);
    const lo = firstCell(y, half);
    const hi = lastCell(y, half);
    do {
      if ((blockedAt(face - 1, lo) | blockedAt(face - 1, hi)) != 0) return <f64>face + half;
      face--;
    } while (<f64>face > edge);
  }
  return target;
}

/** The y a box centred at (x, y) reaches moving towards `target`; the mirror of sweepX. */
export function sweepY(x: f64, y: f64, half: f64, target: f64): f64 {
  if (target > y) {
    const edge = target + half;
    const first = Math.ceil(y + half);
    if (first >= edge) return target;
    let ty = wholeToI32(first);
    const lo = firstCell(x, half);
    const hi = lastCell(x, half);
    do {
      if ((blockedAt(lo, ty) | blockedAt(hi, ty)) != 0) return <f64>ty - half;
      ty++;
    } while (<f64>ty < edge);
  } else if (target < y) {
    const edge = target - half;
    const first = Math.floor(y - half);
    if (first <= edge) return target;
    let face = wholeToI32(first);
    const lo = firstCell(x, half);
    const hi = lastCell(x, half);
    do {
      if ((blockedAt(lo, face - 1) | blockedAt(hi, face - 1)) != 0) return <f64>face + half;
      face--;
    } while (<f64>face > edge);
  }
  return target;
}

/** True if the open box (x ± half) × (y ± half) overlaps tile (tx, ty). */
export function boxOverlapsTile(x: f64, y: f64, half: f64, tx: i32, ty: i32): bool {
  return x - half < <f64>(tx + 1) && x + half > <f64>tx && y - half < <f64>(ty + 1) && y + half > <f64>ty;
}
