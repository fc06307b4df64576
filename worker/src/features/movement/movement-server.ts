import { movementFeature } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { handleInputBatch } from "./input-batch-command.ts";
import { MovementView } from "./movement-channel.ts";

/**
 * Walking: input batches queue a player's inputs (RoomWorld applies one per step); the `movement` channel. An
 * accepted batch gets no `ack`: every snapshot's `ackInputSeq` already says which inputs were applied, and an ack per
 * batch was two thirds of the frames a player received (20 acks next to 10 snapshots and 1 pong a second).
 */
export const movementServer = defineServerFeature(movementFeature, {
  commands: { input_batch: { handle: handleInputBatch, ackedBySnapshot: true } },
  state: () => new MovementView(),
  channels: {
    // Versioned: a snapshot tick on which no body moved diffs and encodes nothing of it.
    movement: { collect: ({ world, state }) => state.collect(world), version: ({ state }) => state.version, interest: { by: "entity" } },
  },
});
