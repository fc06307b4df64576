import type { MovementFields } from "@edgehold/protocol";
import type { BodyViews } from "@edgehold/sim-core";
import type { Body, RoomWorld } from "../../room/room-world.ts";
import { StableEntities } from "../../room/stable-entities.ts";

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

/**
 * The `movement` channel of one room with a version: a body whose position, velocity and teleport counter are what
 * they were keeps its fields object, so a crowd standing still costs a comparison per body and nothing after it
 * (StableEntities). The same entities, fields and order as collectMovement.
 */
export class MovementView {
  private readonly entities = new StableEntities<MovementFields>();

  get version(): number {
    return this.entities.version;
  }

  collect(world: RoomWorld): ReadonlyMap<string, MovementFields> {
    const bodies = world.sim.bodies.view();
    const { entities } = this;
    entities.begin();
    for (const p of world.players.values()) entities.put(p.entityId, this.fields(bodies, p));
    for (const c of world.creatures.values()) entities.put(c.entityId, this.fields(bodies, c));
    return entities.end();
  }

  private fields(bodies: BodyViews, body: Body): MovementFields {
    const { slot } = body;
    const held = this.entities.previous(body.entityId);
    const same =
      held !== undefined &&
      held.x === bodies.x[slot] &&
      held.y === bodies.y[slot] &&
      held.vx === bodies.vx[slot] &&
      held.vy === bodies.vy[slot] &&
      (held.teleport ?? 0) === body.teleport;
    return same ? held : bodyFields(bodies, body);
  }
}
