import type { ChatHelpEntry } from "@edgehold/protocol";
import { ChatAction } from "../chat-limits.ts";
import { usageOf } from "./command-usage.ts";
import { defineSlashCommand } from "./slash-command.ts";

export const helpCommand = defineSlashCommand({
  name: "help",
  aliases: ["?", "commands"],
  args: [],
  ownerOnly: false,
  limit: ChatAction.command,
  help: "list the commands you may run",
  run({ isOwner, reply, commands: all }) {
    const commands: ChatHelpEntry[] = all.filter((c) => isOwner || !c.ownerOnly).map((c) => ({
      name: c.name,
      aliases: [...c.aliases],
      usage: usageOf(c),
      help: c.help,
      ownerOnly: c.ownerOnly,
    }));
    reply({ text: commands.map((c) => `${c.usage} — ${c.help}`).join("\n"), commands });
    return { ok: true };
  },
});
