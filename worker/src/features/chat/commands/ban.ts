import { DomainEventType } from "../../../ops/domain-events.ts";
import { logEvent } from "../../../ops/log.ts";
import { ChatAction } from "../chat-limits.ts";
import { closePlayer, notYourself } from "./moderation-target.ts";
import { defineSlashCommand } from "./slash-command.ts";

/** The close reason of a ban, now and on every later join. */
export const BANNED_REASON = "banned from this room by its owner";

export const banCommand = defineSlashCommand({
  name: "ban",
  aliases: [],
  args: [{ kind: "player", name: "player", among: "recent" }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "disconnect a player, remove everything they built, and refuse them on every later join (kept across restarts; also one who left within the hour)",
  run(context, { player }) {
    const refused = notYourself(context, player, "ban");
    if (refused) return refused;
    // Stored before they are closed: a ban the room forgot would let them straight back in.
    context.chat.moderation.ban({ playerId: player.playerId, name: player.name, bannedAt: context.now, bannedBy: context.room.player.playerId });
    const removed = context.room.clearPlayer(player.playerId);
    closePlayer(context, player, BANNED_REASON);
    context.room.publish({ type: DomainEventType.playerBanned, player: player.playerId, data: { by: context.room.player.playerId, name: player.name } });
    logEvent("info", "player.banned", { room: context.room.roomCode(), player: player.playerId, by: context.room.player.playerId, removed });
    context.reply({ text: `${player.name} is banned${removed > 0 ? `; ${removed} of their structures removed` : ""}.` });
    return { ok: true };
  },
});
