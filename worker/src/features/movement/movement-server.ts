import { movementFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { handleInputBatch } from "./input-batch-command.ts";
import { collectMovement } from "./movement-channel.ts";

/** Walking: input batches queue a player's inputs (RoomWorld applies one per step); the `movement` channel. */
export const movementServer = defineServerFeature(movementFeature, {
  commands: { input_batch: handleInputBatch },
  channels: { movement: ({ world }) => collectMovement(world) },
});
