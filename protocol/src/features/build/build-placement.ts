import { distanceToSpawnRing, isTileInWorld, type WorldRules } from "../../world-rules.ts";
import { BuildOp, BuildRejectReason, StructureKind, type BuildAction } from "./build-types.ts";

/**
 * The fair-play rules of where a build action may act, one implementation for the room (which decides) and the page
 * (which predicts, so its ghost turns red and a refused placement never shows as a wall that later vanishes). The
 * room checks what only it knows afterwards: a structure already there, ownership, the limits.
 */

/**
 * How far from the builder's body (m, to the tile's centre) an action reaches: arm's length and a step or two. Far
 * enough to build a wall around yourself or across a doorway; too short to wall in someone across the map.
 */
export const BUILD_REACH_METRES = 6;

/**
 * A wall or crate may not overlap any body's box grown by this much (m) on every side: with the 0.75 m box that
 * leaves at least a quarter metre between a new wall and anyone, so nobody is ever placed inside or pinned against a
 * wall they did not walk to.
 */
export const BUILD_BODY_MARGIN_METRES = 0.25;

/**
 * No wall or crate whose centre is within this distance (m) of the spawn ring: a player who spawns has room to walk
 * away in every direction, so spawn points cannot be walled in.
 */
export const SPAWN_PROTECTION_METRES = 3;

/** What the rules need to know of the moment an action is applied. */
export interface BuildSite {
  readonly world: WorldRules;
  /** The builder's body at the step that applies the action (before that step moves it). */
  readonly builderX: number;
  readonly builderY: number;
  /** True if some body's box, grown by `margin` metres on every side, overlaps tile (tx, ty). */
  bodyNear(tx: number, ty: number, margin: number): boolean;
  /** True if tile (tx, ty) is the world's scenery (generated from the room's seed, the same on both sides). */
  isScenery(tx: number, ty: number): boolean;
}

/** Kinds that block bodies and projectiles (a floor blocks nothing, so it may go anywhere within reach). */
export function blocksBodies(kind: StructureKind): boolean {
  return kind === StructureKind.wall || kind === StructureKind.crate;
}

/**
 * Why `action` may not act at `site`, checked in the contract's order (out_of_bounds, out_of_reach, scenery,
 * protected, occupied), or undefined. Squared distances on tile centres (exact halves) and `Math.sqrt` (correctly rounded in
 * every engine) keep the page's answer identical to the room's.
 */
export function placementRefusal(action: BuildAction, site: BuildSite): BuildRejectReason | undefined {
  const { tx, ty } = action;
  if (!isTileInWorld(site.world, tx, ty)) return BuildRejectReason.outOfBounds;
  const cx = tx + 0.5;
  const cy = ty + 0.5;
  const dx = cx - site.builderX;
  const dy = cy - site.builderY;
  if (dx * dx + dy * dy > BUILD_REACH_METRES * BUILD_REACH_METRES) return BuildRejectReason.outOfReach;
  // Any action, a floor or a remove too: scenery is part of the world, not a structure.
  if (site.isScenery(tx, ty)) return BuildRejectReason.scenery;
  if (action.op !== BuildOp.place || !blocksBodies(action.kind)) return undefined;
  const ring = site.world.spawnRing;
  if (ring && distanceToSpawnRing(ring, cx, cy) <= SPAWN_PROTECTION_METRES) return BuildRejectReason.protected;
  if (site.bodyNear(tx, ty, BUILD_BODY_MARGIN_METRES)) return BuildRejectReason.occupied;
  return undefined;
}
