import { logEvent } from "../../../ops/log.ts";
import { ChatAction } from "../chat-limits.ts";
import { closePlayer, notYourself } from "./moderation-target.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const kickCommand = defineSlashCommand({
  name: "kick",
  aliases: [],
  args: [{ kind: "player", name: "player" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "disconnect a player (they may come back; /ban keeps them out)",
  run(context, { player }) {
    const refused = notYourself(context, player, "kick");
    if (refused) return refused;
    closePlayer(context, player, "kicked by the room owner");
    logEvent("info", "player.kicked", { room: context.room.roomCode(), player: player.playerId, by: context.room.player.playerId });
    context.reply({ text: `${player.name} was kicked.` });
    return { ok: true };
  },
});
