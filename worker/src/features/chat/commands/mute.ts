import { MuteReason } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { describeSeconds } from "../chat-room.ts";
import { notYourself } from "./moderation-target.ts";
import { defineSlashCommand } from "./slash-command.ts";

/** Without a length: long enough to cool a heated moment, short enough that a forgotten mute does not linger. */
const DEFAULT_MUTE_MINUTES = 10;
/** A day: longer than that is a ban's job. */
const MAX_MUTE_MINUTES = 24 * 60;

export const muteCommand = defineSlashCommand({
  name: "mute",
  aliases: [],
  args: [
    { kind: "player", name: "player", among: "recent" },
    { kind: "integer", name: "minutes", min: 1, max: MAX_MUTE_MINUTES, optional: true },
  ],
  ownerOnly: true,
  limit: ChatAction.command,
  help: `stop a player chatting for some minutes (${DEFAULT_MUTE_MINUTES} unless you say; kept across restarts)`,
  run(context, { player, minutes }) {
    const refused = notYourself(context, player, "mute");
    if (refused) return refused;
    const seconds = (minutes ?? DEFAULT_MUTE_MINUTES) * 60;
    context.chat.mute(context.room, player, seconds * 1000, MuteReason.owner, context.now);
    context.reply({ text: `${player.name} is muted for ${describeSeconds(seconds)}.` });
    return { ok: true };
  },
});
