import { isFiniteNumber } from "./is-finite-number.ts";

/** Ground-plane position (m) and velocity (m/s) of one entity, as the movement channel and the sim carry it. */
export interface Kinematics {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/**
 * Reads a movement-channel entry of the replica. The replica holds whatever the server sent, so each field is
 * checked rather than cast; an entry missing a field (not yet fully known) reads as undefined.
 */
export function readKinematics(fields: Readonly<Record<string, unknown>> | undefined): Kinematics | undefined {
  if (!fields) return undefined;
  const { x, y, vx, vy } = fields;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(vx) || !isFiniteNumber(vy)) return undefined;
  return { x, y, vx, vy };
}

/** Exact equality: prediction and server share the 1/256 grid, so any difference at all is a real divergence. */
export function sameKinematics(a: Kinematics, b: Kinematics): boolean {
  return a.x === b.x && a.y === b.y && a.vx === b.vx && a.vy === b.vy;
}
