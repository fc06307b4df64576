import type { MovementFields } from "@edgehold/protocol";
import type { BodyViews } from "@edgehold/sim-core";
import type { Body, RoomWorld } from "../../room/room-world.ts";

/**
 * `movement`: every entity's (players' and creatures') position and velocity, read straight from the simulation
 * (already on the wire grid), and its `teleport` counter once the room has moved it (RoomWorld.teleport).
 */
export function collectMovement(world: RoomWorld): Map<string, MovementFields> {
  const bodies = world.sim.bodies.view();
  const entities = new Map<string, MovementFields>();
  for (const p of world.players.values()) entities.set(p.entityId, bodyFields(bodies, p));
  for (const c of world.creatures.values()) entities.set(c.entityId, bodyFields(bodies, c));
  return entities;
}

function bodyFields({ x, y, vx, vy }: BodyViews, { slot, teleport }: Body): MovementFields {
  const fields: MovementFields = { x: x[slot]!, y: y[slot]!, vx: vx[slot]!, vy: vy[slot]! };
  // Left out until the first move: bodies the room never moved cost no byte for it, even in full snapshots.
  if (teleport !== 0) fields.teleport = teleport;
  return fields;
}
