import { describe, expect, it, vi } from "vitest";
import { INPUT_QUEUE_TARGET } from "@edgehold/protocol";
import { FixedStepPacer } from "../src/loop/fixed-step-pacer.ts";
import { FrameTimings } from "../src/loop/frame-timings.ts";
import { DelayLine } from "../src/net/delay-line.ts";
import { ErrorBlender } from "../src/net/error-blender.ts";
import { parseLinkConditions } from "../src/net/link-conditions.ts";
import { RateMeter } from "../src/net/rate-meter.ts";

describe("fixed-step pacer", () => {
  it("turns 60 Hz frames into exactly 30 steps per second", () => {
    const pacer = new FixedStepPacer(1000 / 30, 4);
    let steps = 0;
    for (let frame = 0; frame <= 600; frame++) steps += pacer.advance((frame * 1000) / 60);
    expect(steps).toBe(300);
  });

  it("drops a backlog beyond its cap instead of replaying it", () => {
    const pacer = new FixedStepPacer(1000 / 30, 4);
    pacer.advance(0);
    expect(pacer.advance(5000)).toBe(4);
    expect(pacer.droppedSteps).toBe(146);
    expect(pacer.advance(5000 + 1000 / 30)).toBe(1);
  });

  it("samples inputs slower while the room reports a long input queue, and at 30 Hz again once it drains", () => {
    const pacer = new FixedStepPacer(1000 / 30, 4);
    const stepsPerSecond = (fromMs: number) => {
      let steps = 0;
      for (let frame = 1; frame <= 60; frame++) steps += pacer.advance(fromMs + (frame * 1000) / 60);
      return steps;
    };
    pacer.advance(0);
    pacer.paceForInputQueue(INPUT_QUEUE_TARGET + 8);
    const slowed = stepsPerSecond(0);
    // 5–10 % slower than real time: the room's queue shrinks by a few inputs a second.
    expect(slowed).toBeGreaterThanOrEqual(27);
    expect(slowed).toBeLessThanOrEqual(29);
    pacer.paceForInputQueue(INPUT_QUEUE_TARGET);
    stepsPerSecond(1000); // the partial step left from the slow clock
    expect(stepsPerSecond(2000)).toBe(30);
    pacer.paceForInputQueue(0);
    expect(stepsPerSecond(3000)).toBe(30);
  });

  it("reports how far real time is between steps", () => {
    const pacer = new FixedStepPacer(100, 4);
    pacer.advance(0);
    pacer.advance(150);
    expect(pacer.alpha).toBeCloseTo(0.5, 10);
  });
});

describe("frame timings", () => {
  it("keeps the last N samples in order", () => {
    const timings = new FrameTimings(3);
    for (let i = 1; i <= 5; i++) timings.record(i, 16);
    expect(timings.workSamples()).toEqual([3, 4, 5]);
    expect(timings.count).toBe(5);
  });
});

describe("artificial lag", () => {
  it("parses ?lag and ?jitter, ignoring nonsense and capping absurd values", () => {
    expect(parseLinkConditions("?lag=150&jitter=30")).toEqual({ lagMs: 150, jitterMs: 30 });
    expect(parseLinkConditions("?lag=abc&jitter=-5")).toEqual({ lagMs: 0, jitterMs: 0 });
    expect(parseLinkConditions("?lag=99999")).toEqual({ lagMs: 2000, jitterMs: 0 });
  });

  it("delays each direction by half the lag plus jitter, and never reorders", () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const randoms = [0.9, 0.0, 0.5];
      const line = new DelayLine({ lagMs: 100, jitterMs: 40 }, () => randoms.shift() ?? 0, () => now);
      const delivered: [string, number][] = [];
      for (const name of ["a", "b", "c"]) line.push(() => delivered.push([name, now]));
      for (let t = 1; t <= 200; t++) {
        now = t;
        vi.advanceTimersByTime(1);
      }
      expect(delivered.map(([name]) => name)).toEqual(["a", "b", "c"]);
      // a: 50 + 36 = 86 ms; b would be due at 50 but may not overtake a; c at 70 likewise.
      expect(delivered.map(([, at]) => at)).toEqual([86, 86, 86]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("delivers at once when no lag is configured", () => {
    const line = new DelayLine({ lagMs: 0, jitterMs: 0 });
    let delivered = false;
    line.push(() => (delivered = true));
    expect(delivered).toBe(true);
  });
});

describe("correction blending", () => {
  it("fades the visual error to under 5% within 100 ms", () => {
    const blender = new ErrorBlender();
    blender.add(0.5, 0);
    for (let t = 0; t < 100; t += 16.7) blender.decay(16.7);
    expect(Math.abs(blender.x)).toBeLessThan(0.025);
  });

  it("snaps (no offset) for errors too large to slide", () => {
    const blender = new ErrorBlender();
    blender.add(10, 0);
    expect(blender.x).toBe(0);
  });
});

describe("rate meter", () => {
  it("reports per-second rates over the last second", () => {
    const meter = new RateMeter();
    // 10 snapshots a second, arriving mid-bucket.
    for (let t = 50; t < 3000; t += 100) meter.add(1, t);
    for (const now of [2960, 2999, 3040]) expect(meter.perSecond(now)).toBeCloseTo(10, 0);
    expect(meter.perSecond(6000)).toBe(0);
  });

  it("does not overstate the rate before a full second has passed", () => {
    const meter = new RateMeter();
    meter.add(5, 1000);
    meter.add(5, 1250);
    // Completed buckets cover 1000–1500: 10 events in 0.5 s.
    expect(meter.perSecond(1550)).toBeCloseTo(20, 5);
  });
});
