import type { MovementFields } from "@edgehold/protocol";
import type { Sim } from "@edgehold/sim-core";
import type { Body, RoomWorld } from "../../room/room-world.ts";

/**
 * `movement`: every entity's (players' and creatures') position and velocity, read straight from the simulation
 * (already on the wire grid), and its `teleport` counter once the room has moved it (RoomWorld.teleport).
 */
export function collectMovement(world: RoomWorld): Map<string, MovementFields> {
  const { sim } = world;
  const entities = new Map<string, MovementFields>();
  for (const p of world.players.values()) entities.set(p.entityId, bodyFields(sim, p));
  for (const c of world.creatures.values()) entities.set(c.entityId, bodyFields(sim, c));
  return entities;
}

function bodyFields(sim: Sim, body: Body): MovementFields {
  const fields: MovementFields = { x: sim.bodies.x(body.slot), y: sim.bodies.y(body.slot), vx: sim.bodies.vx(body.slot), vy: sim.bodies.vy(body.slot) };
  // Left out until the first move: bodies the room never moved cost no byte for it, even in full snapshots.
  if (body.teleport !== 0) fields.teleport = body.teleport;
  return fields;
}
