/**
 * Tile bounds of the `build` channel: worlds up to 2,048 m across (the wire's promise, ARCHITECTURE.md "Room kinds").
 * Every world the sim holds lies inside them (sim-core's TILE_MIN..TILE_MAX, a 512 m plaza; the worker and the page
 * check it at start-up, worker/src/features/build/tile-bounds.ts). The compact form carries a tile as an int8 when it
 * fits (every tile of a 128 m room) and as an int16 only when it does not. Build actions are not bounded by them:
 * the room decides what lies outside its world (`out_of_bounds`).
 */
export const BUILD_TILE_MIN = -1024;
export const BUILD_TILE_MAX = 1023;

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

/** What building adds to each step input: at most one build action, applied at exactly that input's step. */
export interface BuildInputFields {
  build?: BuildAction;
}

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
  /** A structure is already on the tile, or (a wall or crate) it would overlap a body's box grown by 0.25 m. */
  occupied: "occupied",
  /** The tile lies outside the room's world (decided by the room's kind). */
  outOfBounds: "out_of_bounds",
  /** The tile's centre is more than 6 m from the builder's body at the step that carries the action. */
  outOfReach: "out_of_reach",
  /** A wall or crate within 3 m of the spawn ring (kinds that spawn on one): nobody may wall in a spawn point. */
  protected: "protected",
  /** The room or the player holds as many structures as allowed. */
  limit: "limit",
  /** Only the structure's owner or the room owner may remove it. */
  notOwner: "not_owner",
  /** A remove on a tile without a structure. */
  notFound: "not_found",
  /** More build actions per second than allowed. */
  tooFast: "too_fast",
  /** The tile holds the world's scenery (a plaza's tree, rock or landmark stone): never built on, never removed. */
  scenery: "scenery",
} as const;
export type BuildRejectReason = (typeof BuildRejectReason)[keyof typeof BuildRejectReason];

/** Largest hit points a structure may have: the binary codec carries them as a u16. */
export const MAX_STRUCTURE_HP = 0xffff;
