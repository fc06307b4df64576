import {
  JITTER_DELAY_FACTOR,
  MAX_INTERPOLATION_DELAY_MS,
  MIN_INTERPOLATION_DELAY_MS,
  TIMELINE_SLEW,
  TIMELINE_SNAP_MS,
  TIMELINE_WINDOW_MS,
} from "./net-config.ts";

/**
 * The clock remote entities are rendered by: server time as the snapshot stream shows it, minus an adaptive
 * interpolation delay.
 *
 * Each snapshot gives a sample serverTime − arrival. The largest sample of the last few seconds is the
 * fastest-delivered snapshot, so `local + offset` is the server time of a snapshot that would arrive right now
 * with the least delay seen: the newest state the client can count on having. Anchoring to the stream (not to the
 * ping clock) keeps the render time inside the buffered snapshots at any latency. Lateness (best sample − this
 * sample) measures jitter; the delay is one snapshot interval plus a margin for it, within 100–150 ms. Offset and
 * delay move toward their targets by at most ±10% of elapsed time, so the timeline never jumps.
 */
export class SnapshotTimeline {
  private readonly samples: { at: number; offset: number }[] = [];
  private targetOffset: number | undefined;
  private offset: number | undefined;
  private lastRenderAt: number | undefined;
  /** Mean lateness of snapshots behind the fastest one (ms). */
  jitterMs = 0;
  /** The delay currently applied (ms). */
  delayMs = MIN_INTERPOLATION_DELAY_MS;

  /** EWMA gain for lateness: ~20 snapshots (2 s) of memory. */
  private static readonly JITTER_GAIN = 0.05;

  constructor(private readonly snapshotIntervalMs: number) {}

  /** Records one snapshot's server time and its local arrival time. */
  observe(serverTime: number, arrivedAt: number): void {
    const offset = serverTime - arrivedAt;
    this.samples.push({ at: arrivedAt, offset });
    while (this.samples.length > 1 && this.samples[0]!.at < arrivedAt - TIMELINE_WINDOW_MS) this.samples.shift();
    let best = -Infinity;
    for (const sample of this.samples) if (sample.offset > best) best = sample.offset;
    this.targetOffset = best;
    this.jitterMs += (best - offset - this.jitterMs) * SnapshotTimeline.JITTER_GAIN;
  }

  /** The target delay for the jitter seen so far. */
  get targetDelayMs(): number {
    const wanted = this.snapshotIntervalMs + JITTER_DELAY_FACTOR * this.jitterMs;
    return Math.min(MAX_INTERPOLATION_DELAY_MS, Math.max(MIN_INTERPOLATION_DELAY_MS, wanted));
  }

  /** Server time to render remote entities at, for local time `now`; undefined before the first snapshot. */
  renderTime(now: number): number | undefined {
    const target = this.targetOffset;
    if (target === undefined) return undefined;
    const elapsed = this.lastRenderAt === undefined ? 0 : Math.max(0, now - this.lastRenderAt);
    this.lastRenderAt = now;
    const maxStep = elapsed * TIMELINE_SLEW;
    if (this.offset === undefined || Math.abs(target - this.offset) > TIMELINE_SNAP_MS) this.offset = target;
    else this.offset += clamp(target - this.offset, maxStep);
    this.delayMs += clamp(this.targetDelayMs - this.delayMs, maxStep);
    return now + this.offset - this.delayMs;
  }

  /** A new connection: a new stream, possibly over another path. */
  reset(): void {
    this.samples.length = 0;
    this.targetOffset = undefined;
    this.offset = undefined;
    this.lastRenderAt = undefined;
    this.jitterMs = 0;
    this.delayMs = MIN_INTERPOLATION_DELAY_MS;
  }
}

function clamp(value: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, value));
}
