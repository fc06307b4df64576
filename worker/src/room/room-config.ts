import { TICK_RATE } from "@edgehold/sim-core";

/** Simulation steps per second: sim-core's fixed step (1/30 s) is the one source of truth. */
export { TICK_RATE };
export const STEP_MS = 1000 / TICK_RATE;
/** Snapshots per second per connection: every 3rd step. Enough for 100 ms interpolation, 3× fewer bytes than 30 Hz. */
export const SNAPSHOT_RATE = 10;
export const STEPS_PER_SNAPSHOT = TICK_RATE / SNAPSHOT_RATE;
/** A wake runs at most this many overdue steps (~166 ms); a longer stall is dropped instead of replayed. */
export const MAX_CATCH_UP_STEPS = 5;
/** Checkpoint about once a second while the room runs, if anything moved (see Checkpointer); and on every join and leave. */
export const CHECKPOINT_EVERY_STEPS = TICK_RATE;
