import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const unbanCommand = defineSlashCommand({
  name: "unban",
  aliases: [],
  args: [{ kind: "player", name: "player", among: "banned" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "let a banned player join again",
  run(context, { player }) {
    context.chat.moderation.unban(player.playerId);
    context.reply({ text: `${player.name} may join again.` });
    return { ok: true };
  },
});
