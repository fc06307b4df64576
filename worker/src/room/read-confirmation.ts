/**
 * What one connection has read of the snapshots sent to it, from the `ackTick`s it sends (ARCHITECTURE.md "Reading
 * confirmation"): its round trip measured by the room, and how far it lags behind what it was sent. A Durable
 * Object cannot see a socket's send buffer; this is how the room knows a client stopped reading.
 */
export class ReadConfirmation {
  /** Snapshots sent here and not confirmed yet, oldest first. Short: a connection that stops reading is closed. */
  private readonly unconfirmed: { tick: number; sentAt: number }[] = [];
  private newestSentTick = -1;
  private confirmedTick = -1;
  /** Smoothed round trip (ms) from sending a snapshot to receiving its ackTick; undefined before the first sample. */
  rttMs: number | undefined;
  /** Whether the client confirmed any snapshot sent on this connection yet. */
  confirmedAny = false;
  /** When the last `full` snapshot went out here (flow control sends a lagging connection one per interval). */
  lastFullAt: number | undefined;

  /** EWMA gain as in TCP's smoothed RTT (RFC 6298): one late ack moves the estimate by an eighth of its lateness. */
  private static readonly RTT_GAIN = 1 / 8;

  /** `openedAt`: when the welcome went out (a connection that confirms nothing for long after it is closed). */
  constructor(readonly openedAt: number) {}

  /** A snapshot of `tick` went out at `now`. */
  sent(tick: number, now: number, full: boolean): void {
    this.unconfirmed.push({ tick, sentAt: now });
    this.newestSentTick = tick;
    if (full) this.lastFullAt = now;
  }

  /**
   * The client says it applied every snapshot up to `ackTick`. A tick never sent here (ahead of the newest sent, or
   * from another connection) confirms nothing, nor does an old one again. When `ackTick` is exactly a snapshot sent
   * here, its round trip is a sample: the client acks the newest snapshot it applied, so a sample is the RTT plus at
   * most the client's send interval (50 ms for the page's input batches), never a replay of an old ack.
   */
  confirm(ackTick: number, now: number): void {
    if (ackTick > this.newestSentTick || ackTick <= this.confirmedTick) return;
    this.confirmedTick = ackTick;
    let confirmed: { tick: number; sentAt: number } | undefined;
    while (this.unconfirmed.length > 0 && this.unconfirmed[0]!.tick <= ackTick) confirmed = this.unconfirmed.shift();
    if (!confirmed) return;
    this.confirmedAny = true;
    if (confirmed.tick !== ackTick) return;
    const sample = Math.max(0, now - confirmed.sentAt);
    this.rttMs = this.rttMs === undefined ? sample : this.rttMs + (sample - this.rttMs) * ReadConfirmation.RTT_GAIN;
  }

  /**
   * How long the oldest snapshot this client has not confirmed has been out: how far it lags the room. 0 when it
   * confirmed everything it was sent (a client reading fulls every 2 s that confirms each has caught up).
   */
  lagMs(now: number): number {
    const oldest = this.unconfirmed[0];
    return oldest === undefined ? 0 : now - oldest.sentAt;
  }
}
