import { ErrorCode, type InputBatchCommand } from "@edgehold/protocol";
import type { CommandContext, CommandOutcome } from "../types.ts";

/** `movement.input_batch`: queue the player's inputs; stale and duplicate seqs are ignored, not errors. */
export function handleInputBatch(context: CommandContext, command: InputBatchCommand): CommandOutcome {
  const { dropped } = context.player.inputs.push(command.payload.inputs);
  if (dropped > 0) {
    return {
      ok: true,
      notice: { code: ErrorCode.inputOverflow, message: `input buffer full: dropped the ${dropped} oldest inputs` },
    };
  }
  return { ok: true };
}
