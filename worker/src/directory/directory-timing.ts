/**
 * A running public room reports this often even when nothing changed (joins and leaves report at once): the
 * heartbeat that tells the directory it is alive. One small RPC per room every 5 s is ~720 requests an hour.
 */
export const REPORT_EVERY_MS = 5_000;

/** The directory's clock and the times it keeps entries by; a test directory moves its own (test-worker.ts). */
export interface DirectoryTimings {
  /** A running room not heard from for this long died without saying goodbye: its entry expires. */
  readonly staleAfterMs: number;
  /** A room with nobody connected for this long leaves the list (ARCHITECTURE.md: 60 s). */
  readonly emptyListedMs: number;
}

export const DIRECTORY_TIMINGS: DirectoryTimings = {
  // Three missed heartbeats: one late or lost report (a busy isolate, a restart) never drops a live room.
  staleAfterMs: 3 * REPORT_EVERY_MS,
  emptyListedMs: 60_000,
};
