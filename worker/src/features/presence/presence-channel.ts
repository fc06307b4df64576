import { Channel, type PresenceFields } from "@edgehold/protocol";
import type { RoomWorld } from "../../room/room-world.ts";
import type { SnapshotChannel } from "../types.ts";

/** `presence`: who is in the room, by entity id. Changes rarely, so deltas are almost always empty. */
export const presenceChannel: SnapshotChannel<PresenceFields> = {
  name: Channel.presence,
  collect(world: RoomWorld) {
    const entities = new Map<string, PresenceFields>();
    for (const p of world.players.values()) entities.set(p.entityId, { playerId: p.playerId, name: p.name, connected: true });
    return entities;
  },
};
