import { isFiniteNumber, isTeleportCounter } from "@edgehold/protocol";

/** Ground-plane position (m) and velocity (m/s) of one entity, as the movement channel and the sim carry it. */
export interface Kinematics {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/**
 * A body as one snapshot shows it: its kinematics and its `teleport` counter, the room's count of its server-side
 * moves (absent: 0, never moved). Two snapshots whose counters differ hold the body on either side of a jump.
 */
export interface BodyState extends Kinematics {
  teleport?: number;
}

/** Whether the room moved the body between two snapshots of it (their teleport counters differ). */
export function teleportedBetween(a: BodyState, b: BodyState): boolean {
  return (a.teleport ?? 0) !== (b.teleport ?? 0);
}

/**
 * Every body of a movement-channel replica as one snapshot frame holds it; `incomplete` when an entry lacks a
 * field (a delta named an entity the replica does not fully know: a resync is due).
 */
export function readBodies(channel: Iterable<[string, Readonly<Record<string, unknown>>]>): { bodies: Map<string, BodyState>; incomplete: boolean } {
  const bodies = new Map<string, BodyState>();
  let incomplete = false;
  for (const [id, fields] of channel) {
    const state: BodyState | undefined = readKinematics(fields);
    if (!state) {
      incomplete = true;
      continue;
    }
    // readKinematics made this object: the counter joins it (an invalid one reads as never moved).
    if (isTeleportCounter(fields.teleport) && fields.teleport !== 0) state.teleport = fields.teleport;
    bodies.set(id, state);
  }
  return { bodies, incomplete };
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
