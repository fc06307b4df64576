import { EMOTES } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const emoteCommand = defineSlashCommand({
  name: "emote",
  aliases: ["e"],
  args: [{ kind: "choice", name: "emote", choices: EMOTES }],
  ownerOnly: false,
  // Its own budget (one a second): an emote is no line of text, so a muted player may still wave.
  limit: ChatAction.emote,
  help: `play an emote everyone sees: ${EMOTES.join(", ")}`,
  run({ room, chat }, { emote }) {
    chat.playEmote(room, emote);
    return { ok: true };
  },
});
