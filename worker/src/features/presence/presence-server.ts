import { presenceFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { collectPresence } from "./presence-channel.ts";

/** Who is in the room: the `presence` channel, and `join`/`leave` events to everyone else. */
export const presenceServer = defineServerFeature(presenceFeature, {
  commands: {},
  channels: { presence: ({ world }) => collectPresence(world) },
  hooks: {
    join(room, { player, joinedWorld }) {
      // A resume or a replaced connection is the same player still here: nobody else hears of it.
      if (!joinedWorld) return;
      const payload = { entityId: player.entityId, playerId: player.playerId, name: player.character.name };
      room.broadcast(room.event(presenceFeature, "join", payload), player.playerId);
    },
    leave(room, player, reason) {
      room.broadcast(room.event(presenceFeature, "leave", { entityId: player.entityId, playerId: player.playerId, reason }));
    },
  },
});
