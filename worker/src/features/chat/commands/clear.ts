import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

/** The room owner removes every structure a player built (a griefer's walls come down at once, also after they left). */
export const clearCommand = defineSlashCommand({
  name: "clear",
  aliases: [],
  args: [{ kind: "player", name: "player", among: "recent" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "remove every structure a player built (also one who left within the hour)",
  run(context, { player }) {
    const removed = context.room.clearPlayer(player.playerId);
    context.reply({ text: `Removed ${removed} structure${removed === 1 ? "" : "s"} of ${player.name}.` });
    return { ok: true };
  },
});
