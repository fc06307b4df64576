import type { MovementFields } from "@edgehold/protocol";
import type { RoomWorld } from "../../room/room-world.ts";

/** `movement`: every entity's (players' and creatures') position and velocity, read straight from the simulation (already on the wire grid). */
export function collectMovement(world: RoomWorld): Map<string, MovementFields> {
  const { sim } = world;
  const entities = new Map<string, MovementFields>();
  for (const p of world.players.values()) {
    entities.set(p.entityId, { x: sim.x(p.slot), y: sim.y(p.slot), vx: sim.vx(p.slot), vy: sim.vy(p.slot) });
  }
  for (const c of world.creatures.values()) {
    entities.set(c.entityId, { x: sim.x(c.slot), y: sim.y(c.slot), vx: sim.vx(c.slot), vy: sim.vy(c.slot) });
  }
  return entities;
}
