import { Channel, type PresenceFields } from "@edgehold/protocol";
import type { RoomWorld } from "../../room/room-world.ts";
import type { SnapshotChannel } from "../types.ts";

/** `presence`: who is in the room, by entity id. Changes rarely, so deltas are almost always empty. */
export const presenceChannel: SnapshotChannel<PresenceFields> = {
  name: Channel.presence,
  collect(world: RoomWorld) {
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
  },
};
