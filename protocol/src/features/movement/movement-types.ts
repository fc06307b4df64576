import type { BuildAction } from "../build/build-types.ts";
import type { FireFields } from "../combat/combat-types.ts";

/**
 * One simulation step of the sender's input. Input seqs are monotonic per player and survive resume. `fire`, `aimX`,
 * `aimY` and `viewTime` (FireFields) fire the character's weapon at this step (see the combat feature).
 */
export interface MovementInput extends FireFields {
  seq: number;
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  /** One build action applied at exactly this step (see the build feature). */
  build?: BuildAction;
}

/** `movement.input_batch`: the inputs since the last batch, oldest first. */
export interface InputBatchPayload {
  inputs: MovementInput[];
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
