import { chatFeature } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { notYourself } from "./moderation-target.ts";
import { defineSlashCommand } from "./slash-command.ts";

/** The room owner hands the room to a player who is here (stored first; they are told). */
export const ownerCommand = defineSlashCommand({
  name: "owner",
  aliases: [],
  args: [{ kind: "player", name: "player" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "hand the room over to a player who is here (you are no longer its owner)",
  run(context, { player }) {
    const refused = notYourself(context, player, "hand the room to");
    if (refused) return refused;
    const { room } = context;
    room.owner.handTo(player.playerId);
    room.send(player.playerId, room.event(chatFeature, "system", { text: `${room.player.name} handed this room to you: you are its owner now.` }));
    context.reply({ text: `${player.name} owns this room now.` });
    return { ok: true };
  },
});
