import { banCommand } from "./ban.ts";
import { clearCommand } from "./clear.ts";
import { emoteCommand } from "./emote.ts";
import { filterCommand } from "./filter.ts";
import { helpCommand } from "./help.ts";
import { kickCommand } from "./kick.ts";
import { meCommand } from "./me.ts";
import { muteCommand } from "./mute.ts";
import { ownerCommand } from "./owner.ts";
import type { SlashCommand } from "./slash-command.ts";
import { unbanCommand } from "./unban.ts";
import { unmuteCommand } from "./unmute.ts";
import { whisperCommand } from "./whisper.ts";
import { whoCommand } from "./who.ts";

/** Every slash command, in `/help` order: everyone's first, then the owner's. Add one: its module and a line here. */
export const SLASH_COMMANDS: readonly SlashCommand[] = [
  meCommand,
  emoteCommand,
  whisperCommand,
  whoCommand,
  helpCommand,
  muteCommand,
  unmuteCommand,
  kickCommand,
  banCommand,
  unbanCommand,
  clearCommand,
  ownerCommand,
  filterCommand,
];

/** Name or alias (lower case) → command. Two commands claiming one word is a mistake caught at start-up. */
const BY_WORD = new Map<string, SlashCommand>();
for (const command of SLASH_COMMANDS) {
  for (const word of [command.name, ...command.aliases]) {
    if (BY_WORD.has(word)) throw new Error(`slash commands /${BY_WORD.get(word)!.name} and /${command.name} both claim "${word}"`);
    BY_WORD.set(word, command);
  }
}

export function findSlashCommand(word: string): SlashCommand | undefined {
  return BY_WORD.get(word);
}
