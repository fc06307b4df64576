import type { CommandOutcome } from "../room-context.ts";
import type { CommandContext } from "../server-feature.ts";

/** `session.resync`: the client lost track (e.g. a decode failure) and wants everything again. */
export function handleResync(context: CommandContext<unknown>): CommandOutcome {
  context.connection.requestFullSnapshot();
  return { ok: true };
}
