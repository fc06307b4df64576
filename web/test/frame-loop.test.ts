import { afterEach, describe, expect, it, vi } from "vitest";
import { FrameLoop } from "../src/loop/frame-loop.ts";
import { FrameTimings } from "../src/loop/frame-timings.ts";

/** A hand-cranked requestAnimationFrame: `tick(now)` runs the pending callback. */
function fakeAnimationFrames() {
  let pending: ((now: number) => void) | undefined;
  vi.stubGlobal("requestAnimationFrame", (callback: (now: number) => void) => {
    pending = callback;
    return 1;
  });
  vi.stubGlobal("cancelAnimationFrame", () => {
    pending = undefined;
  });
  return {
    tick(now: number) {
      const callback = pending;
      pending = undefined;
      callback?.(now);
    },
    get scheduled() {
      return pending !== undefined;
    },
  };
}

describe("the frame loop", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("keeps running after a frame throws, and records every frame's time", () => {
    const frames = fakeAnimationFrames();
    const timings = new FrameTimings();
    const seen: number[] = [];
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const loop = new FrameLoop((now) => {
      seen.push(now);
      if (now === 16) throw new Error("bad frame");
    }, timings);
    loop.start();
    for (const now of [0, 16, 33, 50]) frames.tick(now);
    expect(seen).toEqual([0, 16, 33, 50]);
    expect(loop.errors).toBe(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(timings.count).toBe(4);
    loop.stop();
    expect(frames.scheduled).toBe(false);
    error.mockRestore();
  });

  it("draws at most maxFps, taking every second refresh of a 60 Hz display for a 30 fps cap", () => {
    const frames = fakeAnimationFrames();
    const seen: number[] = [];
    const loop = new FrameLoop((now) => seen.push(now), new FrameTimings(), 30);
    loop.start();
    for (let i = 0; i <= 12; i++) frames.tick(i * (1000 / 60) + (i % 2 ? 0.4 : -0.4));
    expect(seen).toHaveLength(7);
    loop.stop();
  });
});
