import { ErrorCode } from "@edgehold/protocol";
import type { CommandOutcome } from "../room-context.ts";
import type { CommandContext, CommandMessageOf } from "../server-feature.ts";
import type { movementFeature } from "@edgehold/protocol";

/**
 * `movement.input_batch`: queue the player's inputs; stale and duplicate seqs are ignored, not errors. Its `ackTick`
 * (the newest snapshot the client applied) goes to the connection: the room's RTT and flow control read it.
 */
export function handleInputBatch(context: CommandContext<unknown>, command: CommandMessageOf<typeof movementFeature, "input_batch">): CommandOutcome {
  const { ackTick } = command.payload;
  if (ackTick !== undefined) context.connection.confirmRead(ackTick, context.clock.now());
  const { dropped } = context.player.inputs.push(command.payload.inputs);
  if (dropped > 0) {
    return {
      ok: true,
      notice: { code: ErrorCode.inputOverflow, message: `input buffer full: dropped the ${dropped} oldest inputs` },
    };
  }
  return { ok: true };
}
