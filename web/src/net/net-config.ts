/** Tuning constants of the client netcode. Each says why it has the value it has. */

/** One ping a second: enough to track RTT and the server clock, negligible bandwidth (~30 B/s). */
export const PING_INTERVAL_MS = 1000;

/**
 * Pings are also sent from a timer, not only from the frame loop: requestAnimationFrame stops in a hidden tab, and a
 * socket that says nothing for the room's idle timeout (60 s) is closed with 4009. Browsers still run timers in
 * background tabs (about once a second, at worst once a minute), so a tab in the background stays in its room.
 */
export const KEEPALIVE_CHECK_MS = 1000;

/**
 * Inputs are sampled every simulation step (30 Hz) but sent in batches about every 50 ms (20 Hz): 1–2 inputs per
 * frame halves the frame count (and the server's per-frame work) while adding at most 50 ms before the server sees one.
 */
export const INPUT_SEND_INTERVAL_MS = 50;

/** The server accepts at most this many inputs per batch (protocol MAX_INPUTS_PER_BATCH). */
export const MAX_INPUTS_PER_FRAME = 16;

/**
 * Stop predicting ahead once this many inputs are unacknowledged (2 s at 30 Hz). At 500 ms RTT the client is ~25
 * inputs ahead; beyond 60 the server is not keeping up (or the link stalled) and further inputs would only overflow
 * its 32-input buffer and turn into corrections, so the avatar waits instead.
 */
export const MAX_PENDING_INPUTS = 60;

/**
 * Remote entities are drawn this far behind the snapshot stream's clock. 100 ms is one snapshot interval at 10 Hz
 * (the least that always has a snapshot on each side); jitter pushes it up, to at most 150 ms, past which remote
 * players feel visibly late.
 */
export const MIN_INTERPOLATION_DELAY_MS = 100;
export const MAX_INTERPOLATION_DELAY_MS = 150;

/** Extra delay per ms of mean snapshot lateness: 2× covers nearly all late arrivals of a jittery link. */
export const JITTER_DELAY_FACTOR = 2;

/** Snapshots kept for interpolation: 2 s at 10 Hz, far more than the ≤150 ms the renderer looks back. */
export const SNAPSHOT_BUFFER_FRAMES = 20;

/**
 * The window over which the fastest snapshot defines the stream's clock. Long enough to contain a few
 * uncongested arrivals, short enough to follow a real change of latency within seconds.
 */
export const TIMELINE_WINDOW_MS = 3000;

/**
 * How fast the render timeline may be pulled toward its target: ±10% time warp is invisible, where a jump would
 * make every remote player skip. Offsets further off than TIMELINE_SNAP_MS (a first sync, a long stall) snap.
 */
export const TIMELINE_SLEW = 0.1;
export const TIMELINE_SNAP_MS = 250;

/** A corrected prediction's visual error fades over ~100 ms (3 time constants of 33 ms leave <5%). */
export const CORRECTION_BLEND_TAU_MS = 100 / 3;

/** Errors larger than this (a teleport, a respawn) snap instead of sliding across the map. */
export const CORRECTION_SNAP_METRES = 4;

/** Reconnect backoff: first retry fast (a blip), doubling to a 5 s ceiling, ±20% so tabs do not retry in lockstep. */
export const RECONNECT_BASE_MS = 250;
export const RECONNECT_MAX_MS = 5000;
export const RECONNECT_JITTER = 0.2;

/** A socket that has not opened and sent `welcome` within this time is abandoned and retried. */
export const CONNECT_TIMEOUT_MS = 8000;
