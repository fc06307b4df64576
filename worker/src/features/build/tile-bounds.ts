import { BUILD_TILE_MAX, BUILD_TILE_MIN, StructureKind } from "@edgehold/protocol";
import { DEFAULT_WORLD, TILE_MAX, TILE_MIN, TileKind } from "@edgehold/sim-core";

/**
 * The protocol bounds the `build` channel's tiles with its own BUILD_TILE_MIN..MAX (it does not import sim-core); the
 * sim holds worlds up to TILE_MIN..TILE_MAX. If the channel could not carry every tile the sim holds, a room would
 * build structures it cannot send: checked once when this module loads, so such a build fails at start-up.
 */
export function assertTileBoundsAgree(): void {
  if (BUILD_TILE_MIN > TILE_MIN || BUILD_TILE_MAX < TILE_MAX) {
    throw new Error(`protocol tile bounds ${BUILD_TILE_MIN}..${BUILD_TILE_MAX} do not hold sim-core's ${TILE_MIN}..${TILE_MAX}`);
  }
}
assertTileBoundsAgree();

/** A structure's kind as the sim's tile kind. */
export const TILE_KIND_OF: Readonly<Record<StructureKind, TileKind>> = {
  [StructureKind.wall]: TileKind.wall,
  [StructureKind.crate]: TileKind.crate,
  [StructureKind.floor]: TileKind.floor,
};

const LEGACY_MIN = DEFAULT_WORLD.minTile;
const LEGACY_SIDE = DEFAULT_WORLD.maxTile - DEFAULT_WORLD.minTile + 1;
const SIDE = TILE_MAX - TILE_MIN + 1;

/**
 * One number per tile: the structures table's primary key. A tile of the 128 m default world keeps the key rooms have
 * always stored for it (row-major from its corner, 0..16383); every other tile of the sim's largest world gets a key
 * past those (row-major from the plaza's corner, offset by 16384), so no two tiles share one and no stored row moves.
 */
export function tileKey(tx: number, ty: number): number {
  const lx = tx - LEGACY_MIN;
  const ly = ty - LEGACY_MIN;
  if (lx >= 0 && lx < LEGACY_SIDE && ly >= 0 && ly < LEGACY_SIDE) return ly * LEGACY_SIDE + lx;
  return LEGACY_SIDE * LEGACY_SIDE + (ty - TILE_MIN) * SIDE + (tx - TILE_MIN);
}
