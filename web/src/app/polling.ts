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

/** True while the page is in a hidden tab (no document, as in Node tests: never hidden). */
const pageHidden = (): boolean => typeof document !== "undefined" && document.visibilityState === "hidden";

/**
 * Runs `round` now, then `intervalMs` after each round ends: never two rounds at once, so a slow server gets one
 * request at a time from this page rather than a pile of them. While the tab is hidden a due round waits (nobody
 * sees its answer, and a tab left open in the background would otherwise ask every few seconds for hours); it runs
 * at once when the tab is shown again. A refresh runs whether the tab is shown or not: something asked for it.
 */
export function startPolling(round: PollRound, intervalMs: number): Polling {
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The interval passed while the tab was hidden: a round is owed once it is shown. */
  let due = false;

  const run = (): Promise<void> => {
    clearTimeout(timer);
    due = false;
    running = round(controller.signal)
      // A round should not throw; if one does, it is reported and the poll goes on (one bad answer is no reason to
      // stop showing live figures).
      .catch((error: unknown) => console.error("poll round failed", error))
      .finally(() => {
        running = undefined;
        if (!controller.signal.aborted && !next) timer = setTimeout(whenDue, intervalMs);
      });
    return running;
  };

  const whenDue = (): void => {
    if (pageHidden()) due = true;
    else void run();
  };
  const onVisibilityChange = (): void => {
    if (due && !pageHidden()) void run();
  };
  // Removed when the poll stops (the listener goes with the controller's signal).
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", onVisibilityChange, { signal: controller.signal });

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
