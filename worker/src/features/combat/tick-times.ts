/**
 * The serverTime of each recent tick: what the snapshots of that tick said (the room stamps them with the same
 * clock reading, taken in the same step). Lag compensation turns a shooter's `viewTime` back into the tick its
 * screen showed with it. A ring of the last RING_TICKS ticks: a second at 30 Hz, far more than the rewind bound.
 */
const RING_TICKS = 32;

export class TickTimes {
  private readonly ticks = new Float64Array(RING_TICKS).fill(-1);
  private readonly times = new Float64Array(RING_TICKS);
  private newestTick = -1;

  /** After each step: `tick` is the state just reached, `serverTime` its snapshots' serverTime. */
  record(tick: number, serverTime: number): void {
    const at = tick % RING_TICKS;
    this.ticks[at] = tick;
    this.times[at] = serverTime;
    this.newestTick = tick;
  }

  get newest(): number {
    return this.newestTick;
  }

  /** The serverTime of `tick`, if it is still in the ring. */
  timeOf(tick: number): number | undefined {
    if (tick < 0) return undefined;
    const at = tick % RING_TICKS;
    return this.ticks[at] === tick ? this.times[at] : undefined;
  }

  /**
   * The tick a client rendering the world at `serverTime` was showing: the recorded tick nearest to it in time,
   * among the newest `maxBack + 1` ticks. Undefined when nothing is recorded yet.
   */
  nearestTick(serverTime: number, maxBack: number): number | undefined {
    if (this.newestTick < 0) return undefined;
    let best: number | undefined;
    let bestDistance = Infinity;
    for (let tick = this.newestTick; tick >= Math.max(0, this.newestTick - maxBack); tick--) {
      const time = this.timeOf(tick);
      if (time === undefined) break;
      const distance = Math.abs(time - serverTime);
      // Strictly nearer only: among ticks of one time (a catch-up burst stamps several alike) the newest wins.
      if (distance < bestDistance) {
        best = tick;
        bestDistance = distance;
      }
    }
    return best;
  }
}
