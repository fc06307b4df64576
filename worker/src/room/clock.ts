/**
 * Where a room gets the time and schedules its step loop: every reading of the time in the room (sessions, limits,
 * snapshots' serverTime, checkpoints, the features' `clock`) and the loop's one timer go through the clock the room
 * was opened with. In production that is `systemClock`; a workerd test opens a room on a clock it moves by hand
 * (worker/test/support/manual-clock.ts), so it advances the room's time instead of sleeping.
 *
 * Step durations (tick work) are measured with `performance.now()` instead: they are CPU the room spent, not time in
 * the room.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Runs `callback` once, `delayMs` from now; the handle cancels it. */
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(handle: number): void;
}

/** The runtime's own time and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle),
};
