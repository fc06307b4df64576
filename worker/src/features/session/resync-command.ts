import { RESYNC_MIN_INTERVAL_MS } from "@edgehold/protocol";
import type { ActionLimit, CommandOutcome } from "../room-context.ts";
import type { CommandContext } from "../server-feature.ts";

/**
 * At most one resync per RESYNC_MIN_INTERVAL_MS (2 s) per player: each costs a full snapshot on that connection,
 * and one makes a client whole. More are refused `rate_limited` (and feed the room's one flood escalation).
 */
export const RESYNC_LIMIT: ActionLimit = {
  perSecond: 1000 / RESYNC_MIN_INTERVAL_MS,
  burst: 1,
  describe: `at most one resync per ${RESYNC_MIN_INTERVAL_MS / 1000} seconds`,
};

/** `session.resync`: the client lost track (e.g. a decode failure) and wants everything again. */
export function handleResync(context: CommandContext<unknown>): CommandOutcome {
  const refused = context.spend(context, "session.resync", RESYNC_LIMIT);
  if (refused) return refused;
  context.connection.requestFullSnapshot();
  return { ok: true };
}
