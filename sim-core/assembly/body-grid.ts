// Which bodies are near a point: a uniform grid over the room's world, so that a projectile tests the bodies near
// its path rather than every body (the cost of a step grows with what is near, not with bodies × projectiles).
//
// advanceProjectiles (projectiles.ts) rebuilds it once per call, before any projectile moves: bodies and their
// history do not move while projectiles advance, so one build serves every projectile of the step. A body is filed
// in every cell that the box around its positions over the history rows in use touches (projectiles test bodies
// where they were up to `rewind` steps ago, history.ts), so one grid serves every rewind. A query returns every
// body filed in the cells its box touches, each once: a superset of the bodies a test can accept, which the caller
// then tests exactly as if it scanned every body. The cell function is monotonic, so a body whose position lies in a
// query's box is always filed in one of the query's cells.

import { worldMaxTile, worldMinTile } from "./bounds";
import { CAPACITY, TILE_SPAN } from "./constants";
import { historyX, historyY } from "./history";
import { ACTIVE_PTR, ALIVE_PTR, PROTECTED_PTR, getSlotEnd, loadF64, loadI32, loadU8, storeI32 } from "./layout";

/**
 * Cell side (m). A projectile's step is at most 1.2 m and a body's box with a weapon's radius under 0.7 m wide, so
 * a query box (about 2.5 m) touches 1–4 cells; a splash (≤ 2.4 m) likewise. Smaller cells would file moving bodies
 * in more cells; larger ones would return more far bodies. A 128 m room has 32 × 32 cells, a 512 m plaza 128 × 128.
 */
const CELL_SIZE: i32 = 4;
const INV_CELL_SIZE: f64 = 1.0 / <f64>CELL_SIZE;
const MAX_COLUMNS: i32 = (TILE_SPAN + CELL_SIZE - 1) / CELL_SIZE;
const MAX_CELLS: i32 = MAX_COLUMNS * MAX_COLUMNS;
/**
 * A body whose history box touches more cells than this (it moved far within the rewind window: a catching-up body's
 * many steps) is kept in the `wide` list that every query returns, so the entries stay within 4 per body.
 */
const MAX_CELLS_PER_BODY: i32 = 4;
/** Slack (m) on every query box, so rounding in a caller's bounds never leaves out a body on a cell's edge. */
const QUERY_SLACK: f64 = 1.0 / 64.0;

/** Per cell (and one past the last), the index of its first entry once built; entries [start[c], start[c+1]). */
const CELL_START_PTR: usize = memory.data((MAX_CELLS + 1) << 2, 16);
/** Body slots, cell by cell (ascending slots within a cell). */
const ENTRIES_PTR: usize = memory.data((CAPACITY * MAX_CELLS_PER_BODY) << 2, 16);
/** Per body: the cell range it is filed in, packed (column0 | column1 << 8 | row0 << 16 | row1 << 24), or -1. */
const BODY_CELLS_PTR: usize = memory.data(CAPACITY << 2, 16);
/** Bodies filed in every query (see MAX_CELLS_PER_BODY). */
const WIDE_PTR: usize = memory.data(CAPACITY << 2, 16);
/** Per body: the query that last returned it, so a query returns each body once. */
const SEEN_PTR: usize = memory.data(CAPACITY << 2, 16);
/** The bodies the last query returned. */
const CANDIDATES_PTR: usize = memory.data(CAPACITY << 2, 16);

let columns: i32 = 1;
let origin: f64 = 0.0;
let wideCount: i32 = 0;
let queryStamp: u32 = 0;

/** A body projectiles can hit: active, alive, and not spawn-protected. */
// @ts-ignore: decorator
@inline
export function hittable(b: i32): bool {
  return loadU8(ACTIVE_PTR, b) != 0 && loadU8(ALIVE_PTR, b) != 0 && loadU8(PROTECTED_PTR, b) == 0;
}

/** The column (row) of coordinate v, clamped into the grid: monotonic in v, NaN gives 0. */
function cellOf(v: f64): i32 {
  const c = (v - origin) * INV_CELL_SIZE;
  if (!(c >= 1.0)) return 0;
  if (c >= <f64>columns) return columns - 1;
  return <i32>c;
}

/**
 * Files every hittable body by its positions of 0..maxRewind world steps ago (history.ts), replacing what was filed.
 * Bodies must not move until the last query that relies on it.
 */
export function buildBodyGrid(maxRewind: i32): void {
  const min = worldMinTile();
  origin = <f64>min;
  columns = (worldMaxTile() - min + CELL_SIZE) / CELL_SIZE;
  const cells = columns * columns;
  memory.fill(CELL_START_PTR, 0, <usize>(cells + 1) << 2);
  wideCount = 0;
  const end = getSlotEnd();
  // Count each cell's entries in start[cell]...
  for (let slot = 0; slot < end; slot++) {
    if (!hittable(slot)) {
      storeI32(BODY_CELLS_PTR, slot, -1);
      continue;
    }
    let minX = loadF64(historyX(0), slot);
    let minY = loadF64(historyY(0), slot);
    let maxX = minX;
    let maxY = minY;
    for (let k = 1; k <= maxRewind; k++) {
      const x = loadF64(historyX(k), slot);
      const y = loadF64(historyY(k), slot);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const c0 = cellOf(minX);
    const c1 = cellOf(maxX);
    const r0 = cellOf(minY);
    const r1 = cellOf(maxY);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_BODY) {
      storeI32(WIDE_PTR, wideCount++, slot);
      storeI32(BODY_CELLS_PTR, slot, -1);
      continue;
    }
    storeI32(BODY_CELLS_PTR, slot, c0 | (c1 << 8) | (r0 << 16) | (r1 << 24));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const at = CELL_START_PTR + (<usize>(r * columns + c) << 2);
        store<i32>(at, load<i32>(at) + 1);
      }
    }
  }
  // ...then make start[cell] the end of its entries (a running sum), and fill each cell from its end backwards,
  // slots descending, which leaves start[cell] at its first entry and each cell's slots ascending.
  let total = 0;
  for (let cell = 0; cell < cells; cell++) {
    const at = CELL_START_PTR + (<usize>cell << 2);
    total += load<i32>(at);
    store<i32>(at, total);
  }
  store<i32>(CELL_START_PTR + (<usize>cells << 2), total);
  for (let slot = end - 1; slot >= 0; slot--) {
    const packed = loadI32(BODY_CELLS_PTR, slot);
    if (packed < 0) continue;
    const c0 = packed & 0xff;
    const c1 = (packed >>> 8) & 0xff;
    const r1 = packed >>> 24;
    for (let r = (packed >>> 16) & 0xff; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const at = CELL_START_PTR + (<usize>(r * columns + c) << 2);
        const index = load<i32>(at) - 1;
        store<i32>(at, index);
        storeI32(ENTRIES_PTR, index, slot);
      }
    }
  }
}

/** Returns `slot` as a candidate of the current query unless it already is one. */
// @ts-ignore: decorator
@inline
function offer(slot: i32, count: i32): i32 {
  const seen = SEEN_PTR + (<usize>slot << 2);
  if (load<u32>(seen) == queryStamp) return count;
  store<u32>(seen, queryStamp);
  storeI32(CANDIDATES_PTR, count, slot);
  return count + 1;
}

/**
 * Every body filed in the cells that the box [minX, maxX] × [minY, maxY] touches, each once (candidateAt(0 ..
 * count - 1), in no particular order): every body whose filed position lies in the box is among them.
 */
export function collectNear(minX: f64, maxX: f64, minY: f64, maxY: f64): i32 {
  queryStamp++;
  if (queryStamp == 0) {
    memory.fill(SEEN_PTR, 0, <usize>CAPACITY << 2);
    queryStamp = 1;
  }
  let count = 0;
  const c0 = cellOf(minX - QUERY_SLACK);
  const c1 = cellOf(maxX + QUERY_SLACK);
  const r1 = cellOf(maxY + QUERY_SLACK);
  for (let r = cellOf(minY - QUERY_SLACK); r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const at = CELL_START_PTR + (<usize>(r * columns + c) << 2);
      const last = load<i32>(at, 4);
      for (let i = load<i32>(at); i < last; i++) count = offer(loadI32(ENTRIES_PTR, i), count);
    }
  }
  for (let i = 0; i < wideCount; i++) count = offer(loadI32(WIDE_PTR, i), count);
  return count;
}

export function candidateAt(i: i32): i32 {
  return loadI32(CANDIDATES_PTR, i);
}

/** Sorts candidates 0 .. count - 1 by slot, ascending (insertion sort: a splash returns a handful). */
export function sortCandidates(count: i32): void {
  for (let i = 1; i < count; i++) {
    const slot = loadI32(CANDIDATES_PTR, i);
    let j = i - 1;
    while (j >= 0 && loadI32(CANDIDATES_PTR, j) > slot) {
      storeI32(CANDIDATES_PTR, j + 1, loadI32(CANDIDATES_PTR, j));
      j--;
    }
    storeI32(CANDIDATES_PTR, j + 1, slot);
  }
}
