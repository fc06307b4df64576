import { describe, expect, it } from "vitest";
import { Interpolator } from "../src/net/interpolator.ts";
import type { BodyState, Kinematics } from "../src/net/kinematics.ts";
import { MAX_INTERPOLATION_DELAY_MS, MIN_INTERPOLATION_DELAY_MS } from "../src/net/net-config.ts";
import { SnapshotBuffer } from "../src/net/snapshot-buffer.ts";
import { SnapshotTimeline } from "../src/net/snapshot-timeline.ts";

const INTERVAL = 100;

function frame(tick: number, serverTime: number, entities: Record<string, BodyState>) {
  return { tick, serverTime, entities: new Map(Object.entries(entities)) };
}

describe("interpolation between snapshots", () => {
  const buffer = new SnapshotBuffer();
  buffer.push(frame(3, 1000, { a: { x: 0, y: 0, vx: 6, vy: 0 } }));
  buffer.push(frame(6, 1100, { a: { x: 0.6, y: 0, vx: 6, vy: 0 }, b: { x: 5, y: 5, vx: 0, vy: 0 } }));
  buffer.push(frame(9, 1200, { a: { x: 1.2, y: 0.4, vx: 6, vy: 0 }, b: { x: 5, y: 5, vx: 0, vy: 0 } }));
  const interpolator = new Interpolator(buffer, INTERVAL, 64);
  const out = new Map<string, Kinematics>();

  it("is linear between the two snapshots around the render time", () => {
    expect(interpolator.sampleInto(1150, out)).toBe(0);
    expect(out.get("a")!.x).toBeCloseTo(0.9, 10);
    expect(out.get("a")!.y).toBeCloseTo(0.2, 10);
    expect(out.get("b")).toEqual({ x: 5, y: 5, vx: 0, vy: 0 });
  });

  it("lands exactly on a snapshot at its server time", () => {
    interpolator.sampleInto(1100, out);
    expect(out.get("a")!.x).toBe(0.6);
  });

  it("extrapolates along velocity past the newest snapshot, but never more than one snapshot interval", () => {
    expect(interpolator.sampleInto(1250, out)).toBe(50);
    expect(out.get("a")!.x).toBeCloseTo(1.2 + 6 * 0.05, 10);
    interpolator.sampleInto(1600, out);
    expect(out.get("a")!.x).toBeCloseTo(1.2 + 6 * 0.1, 10);
    interpolator.sampleInto(5000, out);
    expect(out.get("a")!.x).toBeCloseTo(1.2 + 6 * 0.1, 10);
  });

  it("holds the oldest snapshot before the buffer starts, and drops entities the newest snapshot no longer has", () => {
    interpolator.sampleInto(500, out);
    expect(out.get("a")!.x).toBe(0);
    buffer.push(frame(12, 1300, { b: { x: 5, y: 5, vx: 0, vy: 0 } }));
    interpolator.sampleInto(1250, out);
    expect(out.has("a")).toBe(false);
    expect(out.has("b")).toBe(true);
  });

  it("reuses its output objects (no per-frame allocation for a steady room)", () => {
    interpolator.sampleInto(1210, out);
    const b = out.get("b");
    interpolator.sampleInto(1220, out);
    expect(out.get("b")).toBe(b);
  });
});

describe("interpolation across a teleport", () => {
  it("does not slide a body the room moved between two snapshots (its teleport counter changed): it appears at the new place", () => {
    const buffer = new SnapshotBuffer();
    buffer.push(frame(3, 1000, { a: { x: 0, y: 0, vx: 0, vy: 0 }, b: { x: 0, y: 0, vx: 6, vy: 0 } }));
    buffer.push(frame(6, 1100, { a: { x: 30, y: -20, vx: 0, vy: 0, teleport: 1 }, b: { x: 0.6, y: 0, vx: 6, vy: 0 } }));
    const interpolator = new Interpolator(buffer, INTERVAL, 64);
    const out = new Map<string, Kinematics>();
    // At the earlier snapshot's own time it is where that snapshot had it; from just after, at the new place.
    interpolator.sampleInto(1000, out);
    expect(out.get("a")).toEqual({ x: 0, y: 0, vx: 0, vy: 0 });
    for (const at of [1001, 1010, 1050, 1099]) {
      interpolator.sampleInto(at, out);
      expect(out.get("a"), `at ${at}`).toEqual({ x: 30, y: -20, vx: 0, vy: 0 });
    }
    // Everyone else still moves smoothly between the same two snapshots.
    interpolator.sampleInto(1050, out);
    expect(out.get("b")!.x).toBeCloseTo(0.3, 10);
    // After the jump the body interpolates from its new place as before.
    buffer.push(frame(9, 1200, { a: { x: 31, y: -20, vx: 0, vy: 0, teleport: 1 }, b: { x: 1.2, y: 0, vx: 6, vy: 0 } }));
    interpolator.sampleInto(1150, out);
    expect(out.get("a")!.x).toBeCloseTo(30.5, 10);
  });

  it("sees a counter that wrapped (255 → 1) as a jump too", () => {
    const buffer = new SnapshotBuffer();
    buffer.push(frame(3, 1000, { a: { x: 0, y: 0, vx: 0, vy: 0, teleport: 255 } }));
    buffer.push(frame(6, 1100, { a: { x: 10, y: 0, vx: 0, vy: 0, teleport: 1 } }));
    const out = new Map<string, Kinematics>();
    new Interpolator(buffer, INTERVAL, 64).sampleInto(1050, out);
    expect(out.get("a")!.x).toBe(10);
  });
});

describe("snapshot buffer", () => {
  it("keeps frames in tick order, replaces a repeated tick and starts over when ticks go backwards", () => {
    const buffer = new SnapshotBuffer(4);
    for (let i = 1; i <= 6; i++) buffer.push(frame(i * 3, 1000 + i * 100, {}));
    expect(buffer.frames.map((f) => f.tick)).toEqual([9, 12, 15, 18]);
    buffer.push(frame(18, 1700, {}));
    expect(buffer.frames.map((f) => f.tick)).toEqual([9, 12, 15, 18]);
    buffer.push(frame(3, 50, {}));
    expect(buffer.frames.map((f) => f.tick)).toEqual([3]);
  });

  it("nudges a server time that did not advance, so interpolation never divides by zero", () => {
    const buffer = new SnapshotBuffer();
    buffer.push(frame(3, 1000, {}));
    buffer.push(frame(6, 1000, {}));
    expect(buffer.frames.map((f) => f.serverTime)).toEqual([1000, 1001]);
  });
});

describe("the render timeline", () => {
  it("renders at the snapshot stream's server time minus the minimum delay on a steady link", () => {
    const timeline = new SnapshotTimeline(INTERVAL);
    // Snapshots taken every 100 ms of server time arrive 40 ms later (server clock 5,000 ms ahead of ours).
    for (let i = 0; i < 30; i++) timeline.observe(10_000 + i * 100, 5_040 + i * 100);
    const now = 5_040 + 29 * 100 + 30;
    const renderTime = timeline.renderTime(now)!;
    // The newest snapshot (server 12,900) arrived at 7,940; 30 ms later the stream clock reads 12,930.
    expect(renderTime).toBeCloseTo(12_930 - MIN_INTERPOLATION_DELAY_MS, 6);
    expect(timeline.delayMs).toBe(MIN_INTERPOLATION_DELAY_MS);
  });

  it("keeps the render time inside the buffered snapshots on a jittery link (extrapolation rare and tiny)", () => {
    const timeline = new SnapshotTimeline(INTERVAL);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const arrivals: { server: number; at: number }[] = [];
    let last = 0;
    for (let i = 0; i < 200; i++) {
      const at = Math.max(last, 1_000 + i * 100 + 30 + random() * 40);
      last = at;
      arrivals.push({ server: 50_000 + i * 100, at });
    }
    let next = 0;
    let frames = 0;
    let misses = 0;
    let worstMs = 0;
    let newestServer = -Infinity;
    for (let now = 1_000; now < 21_000; now += 16) {
      while (next < arrivals.length && arrivals[next]!.at <= now) {
        timeline.observe(arrivals[next]!.server, arrivals[next]!.at);
        newestServer = arrivals[next]!.server;
        next++;
      }
      const renderTime = timeline.renderTime(now);
      if (renderTime === undefined || now < 5_000) continue;
      frames++;
      if (renderTime > newestServer) misses++;
      worstMs = Math.max(worstMs, renderTime - newestServer);
    }
    // 0–40 ms of jitter: the delay grows to cover it; a rare straggler costs at most a few ms of extrapolation.
    expect(misses / frames).toBeLessThan(0.01);
    expect(worstMs).toBeLessThan(5);
    expect(timeline.delayMs).toBeGreaterThan(MIN_INTERPOLATION_DELAY_MS);
    expect(timeline.delayMs).toBeLessThanOrEqual(MAX_INTERPOLATION_DELAY_MS);
  });

  it("raises the delay with jitter up to its 150 ms ceiling, gradually", () => {
    const timeline = new SnapshotTimeline(INTERVAL);
    for (let i = 0; i < 100; i++) timeline.observe(i * 100, 1_000 + i * 100 + (i % 2) * 120);
    expect(timeline.targetDelayMs).toBe(MAX_INTERPOLATION_DELAY_MS);
    timeline.renderTime(20_000);
    expect(timeline.delayMs).toBe(MIN_INTERPOLATION_DELAY_MS);
    timeline.renderTime(20_100);
    // At most ±10% of the elapsed 100 ms: 10 ms.
    expect(timeline.delayMs).toBeCloseTo(MIN_INTERPOLATION_DELAY_MS + 10, 6);
  });

  it("moves smoothly (≤10% warp) when latency drops, and snaps after a large jump", () => {
    const timeline = new SnapshotTimeline(INTERVAL);
    for (let i = 0; i < 10; i++) timeline.observe(i * 100, 1_000 + i * 100 + 80);
    const a = timeline.renderTime(2_000)!;
    // Latency drops by 60 ms: the best sample jumps, the timeline eases toward it.
    timeline.observe(1_000, 2_020);
    const b = timeline.renderTime(2_016)!;
    expect(b - a).toBeGreaterThan(16);
    expect(b - a).toBeLessThanOrEqual(16 * 1.1 + 1e-9);
    // A jump beyond 250 ms (first sync after a stall) snaps.
    timeline.observe(10_000, 2_100);
    const c = timeline.renderTime(2_100)!;
    expect(c).toBeCloseTo(10_000 - timeline.delayMs, 6);
  });
});
