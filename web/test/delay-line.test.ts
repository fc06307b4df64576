import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DelayLine } from "../src/net/delay-line.ts";

describe("DelayLine (the page's ?lag= and &jitter=)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("delivers in push order under jitter, pushes at fractional times included, each no earlier than lag/2", async () => {
    let t = 0;
    let r = 0.37;
    const line = new DelayLine({ lagMs: 150, jitterMs: 30 }, () => (r = (r * 9301 + 49297) % 1), () => t);
    const delivered: { i: number; at: number }[] = [];
    const pushedAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      t += 0.37 + (i % 7) * 0.61;
      pushedAt.push(t);
      line.push(() => delivered.push({ i, at: t }));
      await vi.advanceTimersByTimeAsync(1);
      t += 1;
    }
    for (let k = 0; k < 400 && delivered.length < 200; k++) {
      await vi.advanceTimersByTimeAsync(1);
      t += 1;
    }
    expect(delivered.map((d) => d.i)).toEqual(pushedAt.map((_, i) => i));
    for (const d of delivered) expect(d.at - pushedAt[d.i]!).toBeGreaterThanOrEqual(75 - 1);
  });

  it("runs callbacks at once without lag, and drops what is in flight on clear", async () => {
    const now = () => 0;
    const direct = new DelayLine({ lagMs: 0, jitterMs: 0 }, Math.random, now);
    let ran = 0;
    direct.push(() => ran++);
    expect(ran).toBe(1);
    const lagged = new DelayLine({ lagMs: 100, jitterMs: 0 }, Math.random, () => Date.now());
    lagged.push(() => ran++);
    lagged.clear();
    await vi.advanceTimersByTimeAsync(500);
    expect(ran).toBe(1);
  });
});
