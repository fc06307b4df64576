import { DEFAULT_WORLD, InputBit, type WorldBounds } from "@edgehold/sim-core";

/**
 * A direction in the ground plane as the input bits a player would hold: the nearest of the 8 directions a body
 * can move in. tan(22.5°) ≈ 0.414 is where the nearest one changes from straight to diagonal.
 */
export function bitsToward(dx: number, dy: number): number {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (ax === 0 && ay === 0) return 0;
  let bits = 0;
  if (ax >= ay * DIAGONAL_SLOPE) bits |= dx > 0 ? InputBit.right : InputBit.left;
  if (ay >= ax * DIAGONAL_SLOPE) bits |= dy > 0 ? InputBit.up : InputBit.down;
  return bits;
}

const DIAGONAL_SLOPE = Math.tan(Math.PI / 8);

/**
 * Within this many metres of the world's edge a fleeing creature is steered back inwards: the sim clamps bodies to
 * the world, and a deer pressed against the edge by a player would otherwise stand there. 4 m is a little over half
 * a second at full speed.
 */
const EDGE_MARGIN = 4;

/**
 * `(dx, dy)` with any component that pushes further into the edge of `world` (the room's) dropped, when (x, y) is within
 * EDGE_MARGIN of it: the creature runs along the edge instead. If nothing is left (it was heading straight out),
 * it runs along the edge towards the middle of that side.
 */
export function alongEdge(x: number, y: number, dx: number, dy: number, world: WorldBounds = DEFAULT_WORLD): { dx: number; dy: number } {
  const low = world.minTile + EDGE_MARGIN;
  const high = world.maxTile + 1 - EDGE_MARGIN;
  const outX = (x > high && dx > 0) || (x < low && dx < 0);
  const outY = (y > high && dy > 0) || (y < low && dy < 0);
  if (outX) dx = 0;
  if (outY) dy = 0;
  if (dx === 0 && dy === 0 && (outX || outY)) {
    if (outX) dy = y > 0 ? -1 : 1;
    else dx = x > 0 ? -1 : 1;
  }
  return { dx, dy };
}
