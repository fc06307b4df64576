import type { ChatWhoEntry } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const whoCommand = defineSlashCommand({
  name: "who",
  aliases: ["players", "online"],
  args: [],
  ownerOnly: false,
  limit: ChatAction.command,
  help: "list the players in the room",
  run({ room, chat, now, reply }) {
    const who: ChatWhoEntry[] = [...room.world.players.values()].map((player) => ({
      playerId: player.playerId,
      entity: player.entityId,
      name: player.name,
      owner: room.owner.is(player.playerId),
      muted: chat.moderation.muteOf(player.playerId, now) !== undefined,
    }));
    const names = who.map((p) => p.name + (p.owner ? " (owner)" : "")).join(", ");
    reply({ text: `${who.length} player${who.length === 1 ? "" : "s"} here: ${names}`, who });
    return { ok: true };
  },
});
