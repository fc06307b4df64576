import { ErrorCode } from "@edgehold/protocol";
import type { CommandOutcome } from "../../room-context.ts";
import type { SlashContext, TargetPlayer } from "./slash-command.ts";

/** The owner moderating themselves is a slip, not a request: refused with the reason. */
export function notYourself(context: SlashContext, target: TargetPlayer, verb: string): CommandOutcome | undefined {
  if (target.playerId !== context.room.player.playerId) return undefined;
  return { ok: false, code: ErrorCode.invalidCommand, message: `you cannot ${verb} yourself`, strike: false };
}

/** The connection of a player in the room, if they have one now. */
export function connectionOf(context: SlashContext, playerId: string) {
  for (const connection of context.room.connections()) if (connection.playerId === playerId) return connection;
  return undefined;
}
