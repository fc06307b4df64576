import { BUILD_TILE_MAX, BUILD_TILE_MIN, StructureKind } from "@edgehold/protocol";
import { TILE_MAX, TILE_MIN, TileKind } from "@edgehold/sim-core";

/**
 * The protocol validates tile coordinates against its own BUILD_TILE_MIN..MAX (it does not import sim-core); the
 * sim's world is TILE_MIN..TILE_MAX. If they ever disagreed, the room would accept structures the sim cannot hold
 * (or refuse ones it could): checked once when this module loads, so such a build fails at start-up.
 */
export function assertTileBoundsAgree(): void {
  if (BUILD_TILE_MIN !== TILE_MIN || BUILD_TILE_MAX !== TILE_MAX) {
    throw new Error(`protocol tile bounds ${BUILD_TILE_MIN}..${BUILD_TILE_MAX} differ from sim-core's ${TILE_MIN}..${TILE_MAX}`);
  }
}
assertTileBoundsAgree();

/** A structure's kind as the sim's tile kind. */
export const TILE_KIND_OF: Readonly<Record<StructureKind, TileKind>> = {
  [StructureKind.wall]: TileKind.wall,
  [StructureKind.crate]: TileKind.crate,
  [StructureKind.floor]: TileKind.floor,
};

/** One number per tile (row-major from the world's corner): the structures table's primary key. */
export function tileKey(tx: number, ty: number): number {
  return (ty - TILE_MIN) * (TILE_MAX - TILE_MIN + 1) + (tx - TILE_MIN);
}
