import { ChatAction } from "../chat-limits.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const filterCommand = defineSlashCommand({
  name: "filter",
  aliases: ["profanity"],
  args: [{ kind: "choice", name: "state", choices: ["on", "off"], optional: true }],
  ownerOnly: true,
  limit: ChatAction.command,
  help: "turn the room's profanity filter on or off (it masks with *; on unless turned off), or see its state",
  run({ chat, reply }, { state }) {
    if (state !== undefined) chat.settings.setProfanityFilter(state === "on");
    const on = chat.settings.profanityFilter;
    reply({ text: `The profanity filter is ${on ? "on" : "off"}${state === undefined ? "" : " now"}.`, filter: on });
    return { ok: true };
  },
});
