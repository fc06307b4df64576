import { assertTileCoordinates, toI32 } from "./checks.ts";
import { isSceneryKind, TILE_KIND_COUNT, TileKind } from "./constants.ts";
import type { SimExports } from "./wasm-exports.ts";

/**
 * The static world: 1 m tiles with hit points. Tile (tx, ty) covers [tx, tx+1) × [ty, ty+1) m; "the world" is the
 * sim's (`sim.world`, the default 128 m square until `sim.setWorld`).
 */
export interface SimTiles {
  /**
   * Sets tile (tx, ty) to `kind` (`TileKind.empty` removes it) with `hp` hit points (default: DEFAULT_TILE_HP of
   * the kind; kinds that are never hit, empty and floor, always have 0). Returns false, changing nothing, for a tile
   * outside the world. Throws a RangeError for non-integer coordinates, an unknown kind or an hp that is not a
   * positive integer. Bodies already overlapping the tile are not moved (the room refuses to build where
   * `isOccupied`).
   */
  set(tx: number, ty: number, kind: TileKind, hp?: number): boolean;
  /** The kind of tile (tx, ty): `TileKind.empty` for an empty tile or one outside the world. */
  kind(tx: number, ty: number): TileKind;
  /** The hit points of tile (tx, ty): 0 for an empty or floor tile or one outside the world. */
  hp(tx: number, ty: number): number;
  /** True if tile (tx, ty) is scenery (a tree, rock or landmark stone: scenery.ts), which nobody builds on or removes. */
  isScenery(tx: number, ty: number): boolean;
  /** Empties every tile; bodies are untouched. */
  clear(): void;
  /** How many tiles block bodies (walls and crates). */
  readonly blockingCount: number;
  /**
   * True if some active body overlaps tile (tx, ty) (a body only touching its face does not); with `margin` (m, ≥ 0,
   * default 0), if some body's box grown by that much on every side does. A RangeError for a negative or non-finite
   * margin.
   */
  isOccupied(tx: number, ty: number, margin?: number): boolean;
  /**
   * A 32-bit hash (unsigned) of the tiles alone: FNV-1a over tx, ty (i32 as u32) and kind (one byte) of each
   * non-empty tile, row by row (ty, then tx, ascending); a tile whose hp differs from its kind's default has kind |
   * 0x80 and then its hp (u32). Two hosts holding the same tiles agree on it.
   */
  hash(): number;
}

export class WasmTiles implements SimTiles {
  constructor(private readonly wasm: SimExports) {}

  set(tx: number, ty: number, kind: TileKind, hp?: number): boolean {
    assertTileCoordinates(tx, ty);
    if (!Number.isInteger(kind) || kind < 0 || kind >= TILE_KIND_COUNT) {
      throw new RangeError(`tile kind ${kind} is not a TileKind`);
    }
    if (hp !== undefined && (!Number.isInteger(hp) || hp < 1)) throw new RangeError(`tile hp ${hp} is not a positive integer`);
    // Checked here as well: the wasm takes i32s, and a huge integer would wrap into the world.
    if (!this.inWorld(tx, ty)) return false;
    // 0 asks the wasm for the kind's default.
    return this.wasm.setTile(tx, ty, kind, hp === undefined ? 0 : toI32(hp)) !== 0;
  }

  kind(tx: number, ty: number): TileKind {
    assertTileCoordinates(tx, ty);
    if (!this.inWorld(tx, ty)) return TileKind.empty;
    return this.wasm.getTile(tx, ty) as TileKind;
  }

  isScenery(tx: number, ty: number): boolean {
    return isSceneryKind(this.kind(tx, ty));
  }

  hp(tx: number, ty: number): number {
    assertTileCoordinates(tx, ty);
    if (!this.inWorld(tx, ty)) return 0;
    return this.wasm.tileHp(tx, ty);
  }

  clear(): void {
    this.wasm.clearTiles();
  }

  get blockingCount(): number {
    return this.wasm.blockingTiles();
  }

  isOccupied(tx: number, ty: number, margin = 0): boolean {
    assertTileCoordinates(tx, ty);
    if (!(Number.isFinite(margin) && margin >= 0)) throw new RangeError(`margin ${margin} must be a finite number >= 0`);
    if (!this.inWorld(tx, ty)) return false;
    return this.wasm.isTileOccupied(tx, ty, margin) !== 0;
  }

  hash(): number {
    return this.wasm.tilesHash() >>> 0;
  }

  private inWorld(tx: number, ty: number): boolean {
    const [min, max] = [this.wasm.worldMinTile(), this.wasm.worldMaxTile()];
    return tx >= min && tx <= max && ty >= min && ty <= max;
  }
}
