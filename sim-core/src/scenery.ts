// A world's scenery (a plaza's trees, rocks and landmarks), generated from a seed by this one implementation in every
// host: the room puts the tiles into its sim, the page into its predicting sim and its scene, so a body stops at a
// tree at exactly the same step on both sides. Integer draws of mulberry32 only (no Math.sin/cos, whose last bit
// engines need not agree on): the same seed and world give the same tiles everywhere.

import { TileKind, type WorldBounds } from "./constants.ts";
import { FNV_OFFSET, fnvByte, fnvU32 } from "./fnv.ts";
import { mulberry32 } from "./prng.ts";
import type { Sim } from "./sim.ts";

/** One scenery tile: blocking and indestructible (TileKind.tree, rock or stone). */
export interface SceneryTile {
  readonly tx: number;
  readonly ty: number;
  readonly kind: TileKind;
}

/** A landmark, for the page to name or light: its centre (m) and its shape. Its stones are among the tiles. */
export interface Landmark {
  readonly x: number;
  readonly y: number;
  readonly shape: "ring" | "obelisk";
}

export interface Scenery {
  /** Row-major (ty, then tx, ascending): the order `tiles.hash()` folds them. */
  readonly tiles: readonly SceneryTile[];
  readonly landmarks: readonly Landmark[];
}

// Tuning, for the largest world (512 m, 262,144 m²); smaller worlds get proportionally fewer. About 2.5 % of the ground
// is covered (a few trees or rocks in every screenful, woods now and then): to walk around, never a maze.
const REFERENCE_AREA = 512 * 512;
const GROVES = 140;
const LONE_TREES = 1600;
const LONE_ROCKS = 900;
const BOULDERS = 160;
const LANDMARKS = 6;
/** Metres around the origin kept open: the plaza's square, where nothing grows. */
const CLEAR_RADIUS = 16;
/** Tiles next to the world's edge kept open, so the edge never closes off a strip of ground. */
const EDGE_MARGIN = 2;
/** A stone ring's pillars (offsets, m, radius ~6): gaps of about 2 m between them, so it can be walked into. */
const RING = [[6, 0], [5, 3], [3, 5], [0, 6], [-3, 5], [-5, 3], [-6, 0], [-5, -3], [-3, -5], [0, -6], [3, -5], [5, -3]] as const;
const RESERVED = 255;

/**
 * The scenery of `world` from `seed` (a u32). Every item keeps a free tile on every side from every other (a ring's
 * pillars and a boulder's tiles are one item each), so no pocket of ground is ever closed off; the middle
 * CLEAR_RADIUS m and the world's edge stay open.
 */
export function generateScenery(seed: number, world: WorldBounds): Scenery {
  const grid = new SceneryGrid(world);
  const random = mulberry32(seed >>> 0);
  const below = (n: number) => random() % n;
  const scale = (count: number) => Math.round((count * grid.span * grid.span) / REFERENCE_AREA);
  const anyTile = () => world.minTile + EDGE_MARGIN + below(grid.span - 2 * EDGE_MARGIN);
  const landmarks: Landmark[] = [];

  for (let i = 0; i < scale(LANDMARKS); i++) {
    const [cx, cy] = [anyTile(), anyTile()];
    const shape = i % 2 === 0 ? "ring" : "obelisk";
    if (shape === "ring" ? grid.placeRing(cx, cy) : grid.placeRect(cx, cy, 2, 2, TileKind.stone, 4)) {
      landmarks.push({ x: shape === "ring" ? cx + 0.5 : cx + 1, y: shape === "ring" ? cy + 0.5 : cy + 1, shape });
    }
  }
  for (let i = 0; i < scale(GROVES); i++) {
    const [cx, cy, radius] = [anyTile(), anyTile(), 6 + below(9)];
    const trees = 10 + below(20);
    for (let t = 0; t < trees * 2; t++) {
      const [dx, dy] = [below(2 * radius + 1) - radius, below(2 * radius + 1) - radius];
      if (dx * dx + dy * dy <= radius * radius) grid.placeRect(cx + dx, cy + dy, 1, 1, TileKind.tree, 0);
    }
  }
  for (let i = 0; i < scale(LONE_TREES); i++) grid.placeRect(anyTile(), anyTile(), 1, 1, TileKind.tree, 0);
  for (let i = 0; i < scale(LONE_ROCKS); i++) grid.placeRect(anyTile(), anyTile(), 1, 1, TileKind.rock, 0);
  for (let i = 0; i < scale(BOULDERS); i++) grid.placeRect(anyTile(), anyTile(), 2, 2, TileKind.rock, 0);
  return { tiles: grid.tiles(), landmarks };
}

/** Puts the scenery's tiles into `sim` (whose world must hold them: the world it was generated for). */
export function placeScenery(sim: Sim, scenery: Scenery): void {
  for (const { tx, ty, kind } of scenery.tiles) sim.tiles.set(tx, ty, kind);
}

/** FNV-1a over the tiles as `tiles.hash()` folds them: equal to the hash of an otherwise empty sim holding them. */
export function sceneryHash(scenery: Scenery): number {
  let hash = FNV_OFFSET;
  for (const { tx, ty, kind } of scenery.tiles) hash = fnvByte(fnvU32(fnvU32(hash, tx >>> 0), ty >>> 0), kind);
  return hash;
}

/** The world's tiles while scenery is laid out: a kind per tile, or RESERVED (kept open around a landmark). */
class SceneryGrid {
  readonly span: number;
  private readonly cells: Uint8Array;

  constructor(private readonly world: WorldBounds) {
    this.span = world.maxTile - world.minTile + 1;
    this.cells = new Uint8Array(this.span * this.span);
  }

  /** A w×h block of `kind` at (tx, ty) if it and a free tile around it fit, then `halo` more tiles kept open. */
  placeRect(tx: number, ty: number, w: number, h: number, kind: TileKind, halo: number): boolean {
    if (!this.free(tx - 1, ty - 1, tx + w, ty + h)) return false;
    this.fill(tx - halo, ty - halo, tx + w - 1 + halo, ty + h - 1 + halo, RESERVED);
    this.fill(tx, ty, tx + w - 1, ty + h - 1, kind);
    return true;
  }

  /** A ring of stone pillars around (cx, cy), the ground inside and 2 m around it kept open. */
  placeRing(cx: number, cy: number): boolean {
    if (!this.free(cx - 7, cy - 7, cx + 7, cy + 7)) return false;
    this.fill(cx - 8, cy - 8, cx + 8, cy + 8, RESERVED);
    for (const [dx, dy] of RING) this.fill(cx + dx, cy + dy, cx + dx, cy + dy, TileKind.stone);
    return true;
  }

  tiles(): SceneryTile[] {
    const tiles: SceneryTile[] = [];
    for (let i = 0; i < this.cells.length; i++) {
      const kind = this.cells[i]!;
      if (kind === 0 || kind === RESERVED) continue;
      tiles.push({ tx: this.world.minTile + (i % this.span), ty: this.world.minTile + Math.floor(i / this.span), kind: kind as TileKind });
    }
    return tiles;
  }

  /** Every tile of the rectangle is inside the world's margin, outside the open middle, and untouched. */
  private free(x0: number, y0: number, x1: number, y1: number): boolean {
    const { minTile, maxTile } = this.world;
    if (x0 < minTile + EDGE_MARGIN || y0 < minTile + EDGE_MARGIN || x1 > maxTile - EDGE_MARGIN || y1 > maxTile - EDGE_MARGIN) return false;
    // The open middle: the nearest point of the rectangle's tiles to the origin must lie beyond CLEAR_RADIUS.
    const nx = Math.max(x0, Math.min(0, x1 + 1));
    const ny = Math.max(y0, Math.min(0, y1 + 1));
    if (nx * nx + ny * ny <= CLEAR_RADIUS * CLEAR_RADIUS) return false;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) if (this.cells[this.index(x, y)] !== 0) return false;
    }
    return true;
  }

  private fill(x0: number, y0: number, x1: number, y1: number, value: number): void {
    const { minTile, maxTile } = this.world;
    for (let y = Math.max(y0, minTile); y <= Math.min(y1, maxTile); y++) {
      for (let x = Math.max(x0, minTile); x <= Math.min(x1, maxTile); x++) {
        const i = this.index(x, y);
        // A halo never overwrites a tile already placed.
        if (value !== RESERVED || this.cells[i] === 0) this.cells[i] = value;
      }
    }
  }

  private index(tx: number, ty: number): number {
    return (ty - this.world.minTile) * this.span + (tx - this.world.minTile);
  }
}
