import type { CommandContext, CommandOutcome } from "../types.ts";

/** `session.resync`: the client lost track (e.g. a decode failure) and wants everything again. */
export function handleResync(context: CommandContext): CommandOutcome {
  context.requestFullSnapshot();
  return { ok: true };
}
