/**
 * Round-trip time, its jitter and the server clock's offset, from ping/pong pairs (one a second).
 *
 * Each pong gives rtt = now − clientTime and an offset sample serverTime − (clientTime + rtt/2). The offset
 * used is the one from the fastest of the last few pongs, the sample least skewed by queueing.
 */
export class PingClock {
  /** Smoothed RTT (ms); undefined before the first pong. */
  rttMs: number | undefined;
  /** Mean deviation of RTT samples (ms). */
  jitterMs = 0;
  /** serverTime ≈ localTime + offsetMs. */
  offsetMs: number | undefined;
  private readonly recent: { rtt: number; offset: number }[] = [];
  private samples = 0;

  /** Pongs measured since the start (or the last reset). */
  get sampleCount(): number {
    return this.samples;
  }

  /** Pongs kept to pick the fastest from: 8 s of history at one ping a second. */
  private static readonly WINDOW = 8;
  /** EWMA weights as in TCP's RTT estimator (RFC 6298): 1/8 for the mean, 1/4 for the deviation. */
  private static readonly RTT_GAIN = 1 / 8;
  private static readonly JITTER_GAIN = 1 / 4;

  onPong(clientTime: number, serverTime: number, now: number): void {
    const rtt = now - clientTime;
    if (!(rtt >= 0) || !Number.isFinite(serverTime)) return;
    this.samples++;
    if (this.rttMs === undefined) {
      this.rttMs = rtt;
      this.jitterMs = 0;
    } else {
      // A plain average over the first few pongs, so one slow pong while the page was loading does not linger.
      const gain = Math.max(PingClock.RTT_GAIN, 1 / this.samples);
      this.jitterMs += (Math.abs(rtt - this.rttMs) - this.jitterMs) * Math.max(PingClock.JITTER_GAIN, 1 / this.samples);
      this.rttMs += (rtt - this.rttMs) * gain;
    }
    this.recent.push({ rtt, offset: serverTime - (clientTime + rtt / 2) });
    if (this.recent.length > PingClock.WINDOW) this.recent.shift();
    let best = this.recent[0]!;
    for (const sample of this.recent) if (sample.rtt < best.rtt) best = sample;
    this.offsetMs = best.offset;
  }

  reset(): void {
    this.rttMs = undefined;
    this.jitterMs = 0;
    this.offsetMs = undefined;
    this.recent.length = 0;
    this.samples = 0;
  }
}

/** Wall-clock milliseconds with sub-millisecond resolution: comparable with the server's Date.now(). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
