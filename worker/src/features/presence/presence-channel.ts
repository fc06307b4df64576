import type { PresenceFields } from "@edgehold/protocol";
import type { RoomWorld } from "../../room/room-world.ts";

/** `presence`: who is in the room, by entity id — players and creatures. Changes rarely, so deltas are almost always empty. */
export function collectPresence(world: RoomWorld): Map<string, PresenceFields> {
  const entities = new Map<string, PresenceFields>();
  for (const player of world.players.values()) {
    const { entityId, playerId, name, character } = player;
    entities.set(entityId, {
      kind: "player",
      playerId,
      name,
      // False while the body lingers in the world after its player left mid-fight.
      connected: !world.isAway(player),
      characterId: character.id,
      characterClass: character.characterClass,
      color: character.color,
      cosmetics: character.cosmetics.join(","),
    });
  }
  for (const { entityId, species, name } of world.creatures.values()) entities.set(entityId, { kind: "creature", species, name });
  return entities;
}

/**
 * The `presence` channel of one room, rebuilt only when the world's roster moved (`RoomWorld.rosterVersion`: a
 * join, a leave, a creature added or removed, a character replaced) — everything it shows comes from the roster —
 * and otherwise the same map, so the snapshot streams skip it without allocating an entry per entity per tick.
 */
export class PresenceView {
  private entities: Map<string, PresenceFields> | undefined;
  private builtAt = -1;

  collect(world: RoomWorld): ReadonlyMap<string, PresenceFields> {
    if (!this.entities || this.builtAt !== world.rosterVersion) {
      this.entities = collectPresence(world);
      this.builtAt = world.rosterVersion;
    }
    return this.entities;
  }
}
