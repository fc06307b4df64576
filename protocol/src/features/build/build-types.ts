/**
 * Tile bounds of the world, as the protocol validates them. sim-core's TILE_MIN..TILE_MAX are the same numbers (the
 * world is |x|, |y| ≤ 64 m of 1 m tiles); the protocol does not import sim-core, so the worker checks at start-up
 * that the two agree (worker/src/features/build/tile-bounds.ts) and a unit test does too.
 */
export const BUILD_TILE_MIN = -64;
export const BUILD_TILE_MAX = 63;

/** What a structure is. `wall` and `crate` block bodies (a crate is weaker), `floor` blocks nothing. */
export const StructureKind = { wall: "wall", crate: "crate", floor: "floor" } as const;
export type StructureKind = (typeof StructureKind)[keyof typeof StructureKind];

/** Every kind, in the order the binary codec numbers them (append only: the index travels as a u8). */
export const STRUCTURE_KINDS: readonly StructureKind[] = [StructureKind.wall, StructureKind.crate, StructureKind.floor];

export const BuildOp = { place: "place", remove: "remove" } as const;
export type BuildOp = (typeof BuildOp)[keyof typeof BuildOp];

/** One build action riding an input (`input.build`): applied at exactly that input's step. */
export type BuildAction =
  | { op: typeof BuildOp.place; tx: number; ty: number; kind: StructureKind }
  | { op: typeof BuildOp.remove; tx: number; ty: number };

/** Channel `build`: structure id → the structure. `owner` is the placing player's playerId. */
export interface StructureFields {
  tx: number;
  ty: number;
  kind: StructureKind;
  owner: string;
  /** Hit points, 0..65535 (the binary form carries a u16). */
  hp: number;
}

/** Channel `build_preview`: entity id → the tile that player is previewing. */
export interface BuildPreviewFields {
  tx: number;
  ty: number;
  kind: StructureKind;
}

/** `build.preview`: show a ghost of `kind` at a tile to everyone, or stop previewing. */
export type BuildPreviewPayload = BuildPreviewFields | { clear: true };

/** Why a build action was refused: the `reason` of an `error` with code `build_rejected` (with the input's `seq`). */
export const BuildRejectReason = {
  /** A body overlaps the tile (or, for a place, a structure is already there). */
  occupied: "occupied",
  outOfBounds: "out_of_bounds",
  /** The room or the player holds as many structures as allowed. */
  limit: "limit",
  /** Only the structure's owner or the room owner may remove it. */
  notOwner: "not_owner",
  /** A remove on a tile without a structure. */
  notFound: "not_found",
  /** More build actions per second than allowed. */
  tooFast: "too_fast",
} as const;
export type BuildRejectReason = (typeof BuildRejectReason)[keyof typeof BuildRejectReason];

/** Largest hit points a structure may have: the binary codec carries them as a u16. */
export const MAX_STRUCTURE_HP = 0xffff;
