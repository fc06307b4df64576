import { channel, command, defineFeature } from "../define-feature.ts";
import { parseInputBatch } from "./input-batch-validator.ts";
import type { MovementFields } from "./movement-types.ts";
import { packMovement, unpackMovement, type CompactMovementChannel } from "./movement-wire.ts";

/** Walking: clients stream their inputs; the `movement` channel carries every body's kinematics. */
export const movementFeature = defineFeature("movement", {
  commands: { input_batch: command(parseInputBatch) },
  events: {},
  channels: {
    movement: channel<MovementFields>({
      binary: { pack: packMovement, unpack: (packed) => unpackMovement(packed as CompactMovementChannel) },
    }),
  },
});
