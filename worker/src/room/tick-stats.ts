/** A ring of the most recent tick work times, summarised as p50/p99/max for `/api/rooms/:code`. */
export class TickStats {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;

  /** 300 ticks = the last 10 s at 30 Hz: long enough for a stable p99, short enough to reflect the room now. */
  constructor(capacity = 300) {
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.count = Math.min(this.count + 1, this.samples.length);
  }

  summary(): { samples: number; p50: number; p99: number; max: number } {
    if (this.count === 0) return { samples: 0, p50: 0, p99: 0, max: 0 };
    const sorted = Array.from(this.samples.subarray(0, this.count)).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { samples: this.count, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
