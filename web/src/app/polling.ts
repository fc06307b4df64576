import { useCallback, useEffect, useRef } from "react";

/**
 * One round of a poll: ask the server and publish what came back. The round handles its own failures (keep what
 * was shown, or show the error); `signal` is aborted when the poll stops, so a late answer is dropped, not shown.
 */
export type PollRound = (signal: AbortSignal) => Promise<void>;

export interface Polling {
  /**
   * A round now. While one is under way, one more round follows it (the running one may have asked before the
   * change that prompted this refresh); refreshes meanwhile share that round. Resolves when it has run.
   */
  refresh(): Promise<void>;
  /** No round after this one; the running round's signal is aborted. */
  stop(): void;
}

/**
 * Runs `round` now, then `intervalMs` after each round ends: never two rounds at once, so a slow server gets one
 * request at a time from this page rather than a pile of them.
 */
export function startPolling(round: PollRound, intervalMs: number): Polling {
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = (): Promise<void> => {
    clearTimeout(timer);
    running = round(controller.signal)
      // A round should not throw; if one does, it is reported and the poll goes on (one bad answer is no reason to
      // stop showing live figures).
      .catch((error: unknown) => console.error("poll round failed", error))
      .finally(() => {
        running = undefined;
        if (!controller.signal.aborted && !next) timer = setTimeout(() => void run(), intervalMs);
      });
    return running;
  };

  const refresh = (): Promise<void> => {
    if (controller.signal.aborted) return Promise.resolve();
    if (!running) return run();
    next ??= running.then(() => {
      next = undefined;
      return controller.signal.aborted ? undefined : run();
    });
    return next;
  };

  void run();
  return {
    refresh,
    stop: () => {
      controller.abort();
      clearTimeout(timer);
    },
  };
}

/**
 * Polls while the component is mounted (startPolling): a new `round` (its dependencies changed: wrap it in
 * useCallback) starts a new poll at once. Returns `refresh` (a round now), stable across renders.
 */
export function usePolling(round: PollRound, intervalMs: number): () => Promise<void> {
  const polling = useRef<Polling | undefined>(undefined);
  useEffect(() => {
    const started = startPolling(round, intervalMs);
    polling.current = started;
    return () => started.stop();
  }, [round, intervalMs]);
  return useCallback(() => polling.current?.refresh() ?? Promise.resolve(), []);
}
