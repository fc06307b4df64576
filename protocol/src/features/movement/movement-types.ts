/** What movement adds to each step input: the keys held at that step (the step input is `MovementInput`). */
export interface MovementKeys {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
}

/** `movement.input_batch`'s own fields beside its `inputs` (the inputs since the last batch, oldest first). */
export interface InputBatchFields {
  /** The newest snapshot tick the client has applied (see ack-tick.ts); every client sends it. */
  ackTick?: number;
}

/**
 * Ground-plane kinematics of one entity, metres and m/s. Values are exact multiples of 1/256. `teleport`: the
 * body's count of server-side moves (see teleport-counter.ts), absent until the room first moves it.
 */
export interface MovementFields {
  x: number;
  y: number;
  vx: number;
  vy: number;
  teleport?: number;
}
