import { channel, defineFeature, inputCommand, inputFields } from "../define-feature.ts";
import { inputBatchValidator, parseMovementKeys } from "./input-batch-validator.ts";
import type { InputBatchFields, MovementFields, MovementKeys } from "./movement-types.ts";
import { movementRecord, packMovement, unpackMovement, type CompactMovementChannel } from "./movement-wire.ts";

/**
 * Walking: clients stream their step inputs (`input_batch`; each input holds the keys movement declares, and
 * whatever other features add to it); the `movement` channel carries every body's kinematics.
 */
export const movementFeature = defineFeature("movement", {
  commands: { input_batch: inputCommand<InputBatchFields>(inputBatchValidator) },
  events: {},
  channels: {
    movement: channel<MovementFields>({
      binary: { pack: packMovement, unpack: (packed) => unpackMovement(packed as CompactMovementChannel), record: movementRecord },
    }),
  },
  input: inputFields<MovementKeys>(["up", "down", "left", "right"], parseMovementKeys),
  errors: {
    input_overflow: "The player's input buffer was full; the oldest inputs were dropped.",
  },
});
