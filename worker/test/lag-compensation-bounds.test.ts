import { MAX_REWIND_STEPS } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { MAX_REWIND_MS, REWIND_MARGIN_MS, rewindSteps } from "../src/features/combat/lag-compensation.ts";
import { TickTimes } from "../src/features/combat/tick-times.ts";

/** Ticks 100..130 at 30 Hz: tick t's snapshots said serverTime 10,000 + (t − 100) × 33.3 ms. */
function times(): TickTimes {
  const ring = new TickTimes();
  for (let tick = 100; tick <= 130; tick++) ring.record(tick, 10_000 + ((tick - 100) * 1000) / 30);
  return ring;
}
const timeOf = (tick: number) => 10_000 + ((tick - 100) * 1000) / 30;
/** A shooter whose measured RTT (400 ms) allows the whole MAX_REWIND_MS: RTT/2 + 150 = 350 ms. */
const HIGH_RTT_MS = 400;
/** A regular input applied in the world step from tick 130: its projectile first meets the bodies of 131. */
const query = (viewTime: number | undefined, firstSnapshotAt: number | undefined = 0, rttMs: number | undefined = HIGH_RTT_MS) => ({
  viewTime,
  firstSnapshotAt,
  rttMs,
  currentTick: 131,
  times: times(),
});
/** The ticks back from the newest published one (130) that a rewind of `steps` judges at. */
const ticksBack = (steps: number) => steps - 1;

describe("lag compensation's bounds (rewindSteps)", () => {
  it("rewinds to the tick the shooter's screen showed at viewTime", () => {
    expect(rewindSteps(query(timeOf(130)))).toBe(1);
    expect(rewindSteps(query(timeOf(127)))).toBe(4);
    // Between two ticks: the nearer one.
    expect(rewindSteps(query(timeOf(127) + 10))).toBe(4);
    expect(rewindSteps(query(timeOf(127) + 20))).toBe(3);
  });

  it("never more than MAX_REWIND_STEPS nor past MAX_REWIND_MS, however old the viewTime", () => {
    // k counts from the step being computed (k = 1 is the newest published tick): k = MAX_REWIND_STEPS reaches
    // MAX_REWIND_STEPS − 1 published ticks back, within the 250 ms bound.
    expect((MAX_REWIND_STEPS - 1) * (1000 / 30)).toBeLessThanOrEqual(MAX_REWIND_MS);
    for (const viewTime of [timeOf(131 - MAX_REWIND_STEPS), timeOf(110), 0, -1e12]) expect(rewindSteps(query(viewTime))).toBe(MAX_REWIND_STEPS);
  });

  it("never later than now: a viewTime in the future is the newest tick", () => {
    expect(rewindSteps(query(timeOf(130) + 5_000))).toBe(1);
    expect(rewindSteps(query(Number.MAX_VALUE))).toBe(1);
  });

  it("never earlier than the first snapshot that connection received", () => {
    // First snapshot at tick 128: a viewTime of tick 125 is judged at 128.
    expect(rewindSteps(query(timeOf(125), timeOf(128)))).toBe(3);
    // No snapshot yet, or no viewTime: no rewind.
    expect(rewindSteps({ ...query(timeOf(125)), firstSnapshotAt: undefined })).toBe(0);
    expect(rewindSteps(query(undefined))).toBe(0);
  });

  it("a catch-up input's projectile first flies a step later: one step more", () => {
    expect(rewindSteps({ ...query(timeOf(127)), currentTick: 132 })).toBe(5);
    // Still never past the sim's bound, though the 250 ms time bound alone would allow one step more here.
    expect(rewindSteps({ ...query(0), currentTick: 132 })).toBe(MAX_REWIND_STEPS);
  });

  it("an empty ring (a room that just started) rewinds nothing", () => {
    expect(rewindSteps({ viewTime: 5, firstSnapshotAt: 0, rttMs: 50, currentTick: 1, times: new TickTimes() })).toBe(0);
  });

  it("never further back than the shooter's measured RTT/2 + 150 ms: a 10 ms player claiming 250 ms gets ~155 ms", () => {
    const claimed = timeOf(130) - MAX_REWIND_MS;
    const step = 1000 / 30;
    for (const rttMs of [0, 10, 60, 150]) {
      const window = rttMs / 2 + REWIND_MARGIN_MS;
      const back = ticksBack(rewindSteps(query(claimed, 0, rttMs))) * step;
      // The nearest recorded tick to the clamped time: within half a step of the window, never the claimed 250 ms.
      expect(back, `RTT ${rttMs}`).toBeLessThanOrEqual(window + step / 2);
      expect(back, `RTT ${rttMs}`).toBeGreaterThanOrEqual(window - step / 2);
    }
    expect(ticksBack(rewindSteps(query(claimed, 0, 10))) * step).toBeLessThan(MAX_REWIND_MS - 2 * step);
    // A viewTime inside the window is judged where it says.
    expect(rewindSteps(query(timeOf(127), 0, 10))).toBe(4);
  });

  it("a shooter with no RTT sample yet is held to the margin alone (withholding acks buys no rewind)", () => {
    const claimed = timeOf(130) - MAX_REWIND_MS;
    const unmeasured = { ...query(claimed), rttMs: undefined };
    expect(rewindSteps(unmeasured)).toBe(rewindSteps(query(claimed, 0, 0)));
    expect(ticksBack(rewindSteps(unmeasured)) * (1000 / 30)).toBeLessThanOrEqual(REWIND_MARGIN_MS + 1000 / 60);
  });
});
