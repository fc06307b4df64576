import { presenceFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { PresenceView } from "./presence-channel.ts";

/** Who is in the room: the `presence` channel, and `join`/`leave` events to everyone else. */
export const presenceServer = defineServerFeature(presenceFeature, {
  state: () => new PresenceView(),
  commands: {},
  channels: {
    presence: {
      collect: ({ world, state }) => state.collect(world),
      version: ({ world }) => world.rosterVersion,
      // Players are the room's roster (the player list, `/who`, whispers work room-wide); creatures are seen nearby.
      interest: { by: "entity", everyone: (fields) => fields.kind === "player" },
    },
  },
  hooks: {
    join(room, { player, joinedWorld }) {
      // A resume or a replaced connection is the same player still here: nobody else hears of it.
      if (!joinedWorld) return;
      const payload = { entityId: player.entityId, playerId: player.playerId, name: player.name };
      room.broadcast(room.event(presenceFeature, "join", payload), player.playerId);
    },
    leave(room, player, reason) {
      room.broadcast(room.event(presenceFeature, "leave", { entityId: player.entityId, playerId: player.playerId, reason }));
    },
  },
});
