import { ChatScope, EMOTES, type EmoteName } from "@edgehold/protocol";
import { CHAT_LIMITS, ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

/** `/me waves` also plays the wave: an emote's name or its third person (`wave`, `waves`) as the first word. */
function emoteOf(text: string): EmoteName | undefined {
  const first = /^\S+/.exec(text)?.[0]?.toLowerCase().replace(/[^a-z]/g, "") ?? "";
  return EMOTES.find((emote) => first === emote || first === `${emote}s`);
}

export const meCommand = defineSlashCommand({
  name: "me",
  aliases: ["action"],
  args: [{ kind: "text", name: "action" }],
  ownerOnly: false,
  limit: ChatAction.chat,
  help: "say what you do, to everyone: /me waves",
  run({ room, chat, now }, { action }) {
    const said = chat.say(room, { text: action, scope: ChatScope.emote }, now);
    const emote = emoteOf(action);
    // The animation rides on the line: within the emote budget it plays, past it the line alone goes (no refusal).
    if (said.ok && emote && room.allow(room.player.playerId, ChatAction.emote, CHAT_LIMITS.emote)) chat.playEmote(room, emote);
    return said;
  },
});
