import { chatFeature, ErrorCode, type ChatSendPayload, type ChatSystemPayload } from "@edgehold/protocol";
import type { CommandOutcome } from "../room-context.ts";
import type { CommandContext } from "../server-feature.ts";
import { CHAT_LIMITS, ChatAction } from "./chat-limits.ts";
import type { ChatRoom } from "./chat-room.ts";
import { findSlashCommand, SLASH_COMMANDS } from "./commands/command-registry.ts";
import { splitCommandLine } from "./commands/parse-command-line.ts";
import type { PlayerPools } from "./commands/command-args.ts";
import type { SlashContext } from "./commands/slash-command.ts";
import type { NamedPlayer } from "./player-lookup.ts";

/**
 * One `chat.send`: a plain line is said in its scope; a line starting with `/` goes parser → registry → executor.
 * Every path spends the sender's budget for what it is first (lines, emotes, other commands), so a flood of any of
 * them is refused and escalated the same way (ctx.spend). Refusals are never protocol strikes: they are a person's
 * slips (a typo, a command they may not run) or the flood escalation's business.
 */
export function runChatLine(context: CommandContext<ChatRoom>, payload: ChatSendPayload, now: number): CommandOutcome {
  const chat = context.state;
  const spend = (action: ChatAction) => context.spend(context, action, CHAT_LIMITS[action]);
  const split = splitCommandLine(payload.text);
  if (!split) return spend(ChatAction.chat) ?? chat.say(context, { text: payload.text, scope: payload.scope ?? "room" }, now);
  const command = findSlashCommand(split.name);
  if (!command) {
    return spend(ChatAction.command) ?? {
      ok: false,
      code: ErrorCode.unknownCommand,
      message: `unknown command "/${split.name.slice(0, 32)}"; /help lists the commands you may run`,
      strike: false,
    };
  }
  const spent = spend(command.limit);
  if (spent) return spent;
  const isOwner = context.owner.is(context.player.playerId);
  if (command.ownerOnly && !isOwner) return { ok: false, code: ErrorCode.forbidden, message: `only the room owner may run /${command.name}`, strike: false };
  const slash: SlashContext = {
    room: context,
    chat,
    isOwner,
    now,
    commands: SLASH_COMMANDS,
    reply: (system: ChatSystemPayload) => context.connection.send(context.event(chatFeature, "system", system)),
  };
  return command.execute(slash, split.rest, playerPools(context, chat, now));
}

/**
 * How long after leaving a player can still be named by `/ban`, `/mute` and `/clear`: a griefer who leaves the moment
 * they are noticed is still within reach of the owner coming back from a break.
 */
export const RECENT_DEPARTURE_MS = 60 * 60_000;

/** Who a command's `player` argument may name: the room's players, plus the muted, banned or recently departed ones. */
function playerPools(context: CommandContext<ChatRoom>, chat: ChatRoom, now: number): PlayerPools {
  const inRoom = (): NamedPlayer[] => [...context.world.players.values()].map((p) => ({ playerId: p.playerId, name: p.name }));
  return {
    room: inRoom,
    // Mutes and bans are named players too (playerId, name).
    muted: () => [...inRoom(), ...chat.moderation.activeMutes(now)],
    banned: () => chat.moderation.allBans(),
    recent: () => {
      const here = inRoom();
      const present = new Set(here.map((p) => p.playerId));
      const gone = context.departedSince(now - RECENT_DEPARTURE_MS).filter((p) => !present.has(p.playerId));
      return [...here, ...gone.map(({ playerId, name }) => ({ playerId, name }))];
    },
  };
}
