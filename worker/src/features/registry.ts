import { Action, Feature, type ClientCommand, type InputBatchCommand } from "@edgehold/protocol";
import { movementChannel } from "./movement/movement-channel.ts";
import { handleInputBatch } from "./movement/input-batch-command.ts";
import { presenceChannel } from "./presence/presence-channel.ts";
import { handleResync } from "./session/resync-command.ts";
import type { CommandContext, CommandOutcome, SnapshotChannel } from "./types.ts";

/** Every snapshot channel the room streams, in the order clients should apply them. Add a feature: add a line. */
export const SNAPSHOT_CHANNELS: readonly SnapshotChannel<object>[] = [presenceChannel, movementChannel];

/** Routes a validated command to its feature's handler. */
export function dispatchCommand(context: CommandContext, command: ClientCommand): CommandOutcome {
  switch (`${command.feature}.${command.action}`) {
    case `${Feature.movement}.${Action.inputBatch}`:
      return handleInputBatch(context, command as InputBatchCommand);
    case `${Feature.session}.${Action.resync}`:
      return handleResync(context);
    default:
      // Unreachable: protocol validation only lets known commands through.
      throw new Error(`no handler for ${command.feature}.${command.action}`);
  }
}
