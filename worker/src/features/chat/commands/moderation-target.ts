import { CloseCode, ErrorCode } from "@edgehold/protocol";
import { SessionEndReason } from "../../../storage/session-history.ts";
import type { CommandOutcome } from "../../room-context.ts";
import type { NamedPlayer } from "../player-lookup.ts";
import type { SlashContext } from "./slash-command.ts";

/** The owner moderating themselves is a slip, not a request: refused with the reason. */
export function notYourself(context: SlashContext, target: NamedPlayer, verb: string): CommandOutcome | undefined {
  if (target.playerId !== context.room.player.playerId) return undefined;
  return { ok: false, code: ErrorCode.invalidCommand, message: `you cannot ${verb} yourself`, strike: false };
}

/** Closes `target`'s connection with 4004 and `reason`, if they are connected now (`/kick`, `/ban`). */
export function closePlayer(context: SlashContext, target: NamedPlayer, reason: string): void {
  const connection = context.room.connectionOf(target.playerId);
  if (connection) context.room.kick(connection, CloseCode.kicked, reason, SessionEndReason.kicked);
}
