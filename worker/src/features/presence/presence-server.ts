import { presenceFeature } from "@edgehold/protocol";
import type { PlayerEntity } from "../../room/room-world.ts";
import type { RoomContext } from "../room-context.ts";
import { defineServerFeature } from "../server-feature.ts";
import { PresenceView } from "./presence-channel.ts";

/** Who is in the room: the `presence` channel, and `join`/`leave` events to whoever would notice. */
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
      const event = room.event(presenceFeature, "join", { entityId: player.entityId, playerId: player.playerId, name: player.name });
      const radius = room.world.kind.interestRadius;
      if (radius === undefined) room.broadcast(event, player.playerId);
      else for (const near of arrivalWitnesses(room, player, radius)) room.send(near.playerId, event);
    },
    leave(room, player, reason) {
      // In a room without an interest radius, everyone (as a join).
      room.sendToViewersOf(player.entityId, room.event(presenceFeature, "leave", { entityId: player.entityId, playerId: player.playerId, reason }));
    },
  },
});

/**
 * In a room with an interest radius (a plaza), a player's arrival is heard by the players within that radius of
 * where its body appears, and its leaving by those that have it in view: what is near, not the room. The roster (the
 * `presence` channel) still carries every player to everyone; these are only the "joined"/"left" lines. Everyone
 * hearing of everyone made a crowd's arrival quadratic: 500 players joining a room of 500 were ~375,000 frames,
 * seconds of the room's time in which the players already there went unread and were closed — whose leave events then
 * went to everyone too.
 */
function arrivalWitnesses(room: RoomContext, player: PlayerEntity, radius: number): PlayerEntity[] {
  return room.nearby(player.entityId, radius).filter((near) => near.playerId !== player.playerId);
}
