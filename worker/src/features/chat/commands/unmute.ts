import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const unmuteCommand = defineSlashCommand({
  name: "unmute",
  aliases: [],
  args: [{ kind: "player", name: "player", among: "muted" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "let a muted player chat again (also one who left)",
  run(context, { player }) {
    const lifted = context.chat.unmute(context.room, player, context.now);
    context.reply({ text: lifted ? `${player.name} may chat again.` : `${player.name} was not muted.` });
    return { ok: true };
  },
});
