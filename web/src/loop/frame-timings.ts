/**
 * A ring of the last N per-frame samples: JS time spent in the frame callback and the interval between frames.
 * Read by the net-graph and, through the debug hook, by the frame-cost script.
 */
export class FrameTimings {
  private readonly work: Float64Array;
  private readonly interval: Float64Array;
  private next = 0;
  /** Frames recorded since start (not capped by the ring size). */
  count = 0;

  constructor(readonly capacity = 1200) {
    this.work = new Float64Array(capacity);
    this.interval = new Float64Array(capacity);
  }

  record(workMs: number, intervalMs: number): void {
    this.work[this.next] = workMs;
    this.interval[this.next] = intervalMs;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }

  /** The last `limit` work samples (all kept by default), oldest first (a copy). */
  workSamples(limit = this.capacity): number[] {
    return this.ordered(this.work, limit);
  }

  intervalSamples(limit = this.capacity): number[] {
    return this.ordered(this.interval, limit);
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }

  private ordered(ring: Float64Array, limit: number): number[] {
    const n = Math.min(this.count, this.capacity, limit);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(ring[(this.next - n + i + this.capacity) % this.capacity]!);
    return out;
  }
}
