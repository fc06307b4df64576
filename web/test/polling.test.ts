// The page's one poll (web/src/app/polling.ts), run by the lobby's room list and counts, the party panel and the
// monitor: one round at a time, a wait after each, stopped for good, refreshed on demand. On a clock the test moves.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPolling } from "../src/app/polling.ts";

/** A round whose answers the test releases one by one; it counts the rounds started and the ones at once. */
function slowRounds() {
  const pending: (() => void)[] = [];
  const signals: AbortSignal[] = [];
  let started = 0;
  let inFlight = 0;
  let mostAtOnce = 0;
  const round = (signal: AbortSignal) => {
    started++;
    inFlight++;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    signals.push(signal);
    return new Promise<void>((answer) => pending.push(answer)).finally(() => inFlight--);
  };
  /** The oldest round under way gets its answer (and the microtasks that follow it run). */
  const answer = async () => {
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { round, answer, signals, started: () => started, mostAtOnce: () => mostAtOnce };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("polling", () => {
  it("asks at once, then the interval after each answer: a slow server never gets two requests at once", async () => {
    const rounds = slowRounds();
    const polling = startPolling(rounds.round, 2000);
    expect(rounds.started()).toBe(1);
    // The answer takes 10 s: no second request meanwhile.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rounds.started()).toBe(1);
    await rounds.answer();
    await vi.advanceTimersByTimeAsync(1999);
    expect(rounds.started()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds.started()).toBe(2);
    await rounds.answer();
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds.started()).toBe(3);
    expect(rounds.mostAtOnce()).toBe(1);
    polling.stop();
  });

  it("stops for good: the round under way is aborted and none follows", async () => {
    const rounds = slowRounds();
    const polling = startPolling(rounds.round, 2000);
    polling.stop();
    expect(rounds.signals[0]!.aborted).toBe(true);
    await rounds.answer();
    await vi.advanceTimersByTimeAsync(60_000);
    await polling.refresh();
    expect(rounds.started()).toBe(1);
  });

  it("refreshes at once when idle, and after the round under way when busy (refreshes meanwhile share one round)", async () => {
    const rounds = slowRounds();
    const polling = startPolling(rounds.round, 2000);
    await rounds.answer();
    // Idle (waiting for the next round): a refresh asks now, and the wait starts over after it.
    const idle = polling.refresh();
    expect(rounds.started()).toBe(2);
    await rounds.answer();
    await idle;
    await vi.advanceTimersByTimeAsync(1999);
    expect(rounds.started()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds.started()).toBe(3);
    // Busy: the round under way may have asked before what prompted the refresh, so one more follows it.
    let refreshed = 0;
    void polling.refresh().then(() => refreshed++);
    void polling.refresh().then(() => refreshed++);
    expect(rounds.started()).toBe(3);
    await rounds.answer();
    expect(rounds.started()).toBe(4);
    expect(refreshed).toBe(0);
    await rounds.answer();
    expect(refreshed).toBe(2);
    expect(rounds.mostAtOnce()).toBe(1);
    // Then the usual wait, one timer only.
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds.started()).toBe(5);
    polling.stop();
  });

  it("waits while the tab is hidden and asks at once when it is shown, if a round came due meanwhile", async () => {
    const page = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
    vi.stubGlobal("document", page);
    const showTab = (visibilityState: DocumentVisibilityState) => {
      page.visibilityState = visibilityState;
      page.dispatchEvent(new Event("visibilitychange"));
    };
    try {
      const rounds = slowRounds();
      const polling = startPolling(rounds.round, 3000);
      await rounds.answer();
      showTab("hidden");
      // Hidden for a minute: nobody sees the answers, so nothing is asked.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(rounds.started()).toBe(1);
      showTab("visible");
      expect(rounds.started()).toBe(2);
      await rounds.answer();
      // Then the usual wait; hidden and shown again before the next round is due: nothing is owed, nothing asked.
      showTab("hidden");
      showTab("visible");
      expect(rounds.started()).toBe(2);
      await vi.advanceTimersByTimeAsync(3000);
      expect(rounds.started()).toBe(3);
      await rounds.answer();
      // A refresh is asked for: it runs in a hidden tab too. A stopped poll owes nothing when shown.
      showTab("hidden");
      void polling.refresh();
      expect(rounds.started()).toBe(4);
      await rounds.answer();
      await vi.advanceTimersByTimeAsync(3000);
      polling.stop();
      showTab("visible");
      expect(rounds.started()).toBe(4);
      expect(rounds.mostAtOnce()).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("goes on after a round that throws", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let rounds = 0;
    const polling = startPolling(async () => {
      rounds++;
      if (rounds === 1) throw new Error("boom");
    }, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rounds).toBe(2);
    expect(errors).toHaveBeenCalledTimes(1);
    polling.stop();
    errors.mockRestore();
  });
});
