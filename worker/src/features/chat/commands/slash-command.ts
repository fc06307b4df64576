import type { ChatSystemPayload } from "@edgehold/protocol";
import type { CommandOutcome } from "../../room-context.ts";
import type { CommandContext } from "../../server-feature.ts";
import type { ChatAction } from "../chat-limits.ts";
import type { ChatRoom } from "../chat-room.ts";
import type { ArgSpec, ArgValues, PlayerPools } from "./command-args.ts";
import { parseArgs } from "./parse-command-line.ts";

/** What a command's executor gets. */
export interface SlashContext {
  /** The chat feature's command context: the sender (`player`, `connection`) and the room. */
  readonly room: CommandContext<ChatRoom>;
  readonly chat: ChatRoom;
  readonly isOwner: boolean;
  readonly now: number;
  /** Every command of the registry (for `/help`). */
  readonly commands: readonly SlashCommand[];
  /** Answers the sender with a `system` line. */
  reply(payload: ChatSystemPayload): void;
}

/** One slash command as its module writes it: name, aliases, argument spec, who may run it, help line, executor. */
export interface SlashCommandSpec<A extends readonly ArgSpec[]> {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly args: A;
  /** Only the room owner may run it (others get `forbidden`). */
  readonly ownerOnly: boolean;
  /** Whose budget a run spends (see chat-limits.ts). */
  readonly limit: ChatAction;
  readonly help: string;
  run(context: SlashContext, args: ArgValues<A>): CommandOutcome;
}

/**
 * A command as the registry holds it: its spec with the argument types sealed inside `execute`, which parses the
 * rest of the line by the spec and runs the command with the typed arguments, or answers with the parse error.
 */
export interface SlashCommand extends Omit<SlashCommandSpec<readonly ArgSpec[]>, "run"> {
  execute(context: SlashContext, rest: string, pools: PlayerPools): CommandOutcome;
}

export function defineSlashCommand<const A extends readonly ArgSpec[]>(spec: SlashCommandSpec<A>): SlashCommand {
  const { run, ...fields } = spec;
  return Object.freeze({
    ...fields,
    execute(context: SlashContext, rest: string, pools: PlayerPools): CommandOutcome {
      const parsed = parseArgs(spec, rest, pools);
      return parsed.ok ? run(context, parsed.args) : { ...parsed, strike: false };
    },
  });
}
