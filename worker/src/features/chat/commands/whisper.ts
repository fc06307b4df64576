import { ChatScope } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const whisperCommand = defineSlashCommand({
  name: "w",
  aliases: ["whisper", "tell", "msg"],
  args: [
    { kind: "player", name: "player" },
    { kind: "text", name: "text" },
  ],
  ownerOnly: false,
  limit: ChatAction.chat,
  help: "whisper to one player (only you two see it, and it is never stored)",
  run({ room, chat, now }, { player, text }) {
    return chat.say(room, { text, scope: ChatScope.whisper, to: player }, now);
  },
});
