import { describe, expect, it } from "vitest";
import { FixedStepLoop } from "../src/room/fixed-step-loop.ts";
import { ManualClock } from "./support/manual-clock.ts";

const STEP_MS = 1000 / 30;

function loopOn(clock: ManualClock, maxCatchUpSteps = 5) {
  const counts = { steps: 0, dropped: [] as number[] };
  const loop = new FixedStepLoop(STEP_MS, maxCatchUpSteps, () => counts.steps++, (n) => counts.dropped.push(n), clock);
  return { loop, counts };
}

describe("the room's fixed-step loop", () => {
  it("runs exactly 30 steps per second of its clock, in steps of any size, with no drift", () => {
    const clock = new ManualClock(0);
    const { loop, counts } = loopOn(clock);
    loop.start();
    // 1010 ms, not 1000: the 30th step is due at 1000 ms exactly, and a wake may come a millisecond after it.
    clock.advance(1010);
    expect(counts.steps).toBe(30);
    // Ten more seconds in uneven slices (a wake's timer may fire late): still one step per step of time.
    for (const slice of [7, 120, 33, 1, 999, 2000, 840, 6000]) clock.advance(slice);
    expect(counts.steps).toBe(330);
    expect(counts.dropped).toEqual([]);
    loop.stop();
  });

  it("after a stall runs at most the catch-up cap and reports the rest as dropped steps, once", () => {
    const clock = new ManualClock(0);
    const { loop, counts } = loopOn(clock);
    // The first wake is held up a little over a second (the isolate was paused): 30 whole steps are due when it runs.
    let stalls = 1;
    const schedule = clock.setTimeout.bind(clock);
    clock.setTimeout = (callback, delayMs) => schedule(callback, stalls-- > 0 ? 1010 : delayMs);
    loop.start();
    clock.advance(1010);
    expect(counts.steps).toBe(5);
    expect(counts.dropped).toEqual([25]);
    expect(loop.droppedSteps).toBe(25);
    // Back to normal: one step per step of time, nothing more dropped.
    clock.advance(STEP_MS * 2);
    expect(counts.steps).toBe(7);
    expect(counts.dropped).toEqual([25]);
    loop.stop();
  });

  it("is behind while a step is 250 ms overdue, and for 2 s after a wake that found it so; not on time, nor stopped", () => {
    const clock = new ManualClock(0);
    const { loop } = loopOn(clock);
    expect(loop.behind(clock.now())).toBe(false);
    loop.start();
    clock.advance(1000);
    expect(loop.behind(clock.now())).toBe(false);
    // The isolate is busy: the clock moves, the loop's wake does not run.
    clock.stall(200);
    expect(loop.behind(clock.now())).toBe(false);
    clock.stall(100);
    expect(loop.behind(clock.now())).toBe(true);
    // The late wake runs: caught up, yet what queued meanwhile is still being read for 2 s.
    clock.advance(1);
    expect(loop.behind(clock.now())).toBe(true);
    clock.advance(1990);
    expect(loop.behind(clock.now())).toBe(true);
    clock.advance(20);
    expect(loop.behind(clock.now())).toBe(false);
    clock.stall(400);
    loop.stop();
    expect(loop.behind(clock.now())).toBe(false);
  });

  it("leaves no timer once stopped, also when a step stops it", () => {
    const clock = new ManualClock(0);
    const loop = new FixedStepLoop(STEP_MS, 5, () => loop.stop(), () => {}, clock);
    loop.start();
    expect(clock.pendingTimers).toBe(1);
    clock.advance(2 * STEP_MS);
    expect(loop.running).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    // Started again and stopped from outside: nothing left either.
    const { loop: other } = loopOn(clock);
    other.start();
    other.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
