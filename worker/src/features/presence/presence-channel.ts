import type { PresenceFields } from "@edgehold/protocol";
import type { RoomWorld } from "../../room/room-world.ts";

/** `presence`: who is in the room, by entity id. Changes rarely, so deltas are almost always empty. */
export function collectPresence(world: RoomWorld): Map<string, PresenceFields> {
  const entities = new Map<string, PresenceFields>();
  for (const { entityId, playerId, character } of world.players.values()) {
    entities.set(entityId, {
      playerId,
      name: character.name,
      connected: true,
      characterId: character.id,
      characterClass: character.characterClass,
      color: character.color,
      cosmetics: character.cosmetics.join(","),
    });
  }
  return entities;
}
