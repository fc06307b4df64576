import { systemClock, type Clock } from "./clock.ts";

/**
 * A room is behind its schedule when a step is this late (~8 steps): well past a slow step or a minor GC, what a
 * room whose isolate was busy for a while (a crowd's frames queued behind a long task, the machine saturated) sees.
 */
const BEHIND_MS = 250;
/** After it caught up, the frames that queued meanwhile are still being read for about this long. */
const CATCHING_UP_MS = 2_000;

/**
 * Runs `onStep` at a fixed rate from a self-correcting timer and an accumulator, on the room's clock.
 *
 * Each wake adds the time elapsed since the last to the accumulator and runs whole steps from it, at most `maxCatchUpSteps`
 * per wake; a larger backlog (the isolate was paused, a step was slow) is dropped rather than replayed, so the room
 * never spirals into ever-longer catch-up bursts. The next wake is scheduled for when the next step is due, which
 * keeps the average rate exact where a plain `setInterval(33.3)` drifts (~29.3 Hz under local workerd).
 * `stop()` leaves no timer behind, so an empty room can hibernate.
 */
export class FixedStepLoop {
  private timer: number | undefined;
  private accumulatorMs = 0;
  private lastWakeMs = 0;
  /** Steps skipped because the backlog exceeded the catch-up cap. */
  droppedSteps = 0;
  /** Time the loop ran before its current start (what a room pays duration for: see ops/cost-model.ts). */
  private ranMs = 0;
  private startedAtMs = 0;
  /** When a wake last found the loop BEHIND_MS or more late. */
  private lateAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stepMs: number,
    private readonly maxCatchUpSteps: number,
    private readonly onStep: () => void,
    /** Told how many steps a wake dropped, so the caller can account for the time they stood for. */
    private readonly onDroppedSteps: (steps: number) => void = () => {},
    private readonly clock: Clock = systemClock,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.accumulatorMs = 0;
    this.lastWakeMs = this.startedAtMs = this.clock.now();
    this.schedule(this.stepMs);
  }

  stop(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.ranMs += Math.max(0, this.clock.now() - this.startedAtMs);
  }

  /**
   * Whether the room is behind its own schedule at `now`: a step is overdue by BEHIND_MS or more, or a wake found it
   * so within the last CATCHING_UP_MS. What a client sent while the room was busy reaches it late and all at once:
   * see ConnectionHub.frame.
   */
  behind(now: number): boolean {
    if (!this.running) return false;
    return now - this.lastWakeMs >= this.stepMs + BEHIND_MS || now - this.lateAtMs < CATCHING_UP_MS;
  }

  /** Milliseconds the loop has run in all, up to `now`. */
  runningMs(now: number): number {
    return this.ranMs + (this.running ? Math.max(0, now - this.startedAtMs) : 0);
  }

  private schedule(delayMs: number): void {
    this.timer = this.clock.setTimeout(this.wake, Math.max(0, delayMs));
  }

  private readonly wake = (): void => {
    const now = this.clock.now();
    // Wall time may step back (a clock correction): that wake runs nothing rather than owing negative time.
    this.accumulatorMs += Math.max(0, now - this.lastWakeMs);
    this.lastWakeMs = now;
    if (this.accumulatorMs >= this.stepMs + BEHIND_MS) this.lateAtMs = now;
    let steps = 0;
    while (this.accumulatorMs >= this.stepMs && steps < this.maxCatchUpSteps && this.timer !== undefined) {
      this.accumulatorMs -= this.stepMs;
      steps++;
      this.onStep();
    }
    if (this.accumulatorMs >= this.stepMs) {
      const backlog = Math.floor(this.accumulatorMs / this.stepMs);
      this.droppedSteps += backlog;
      this.accumulatorMs -= backlog * this.stepMs;
      this.onDroppedSteps(backlog);
    }
    // onStep may have stopped the loop (the last player left during the step).
    if (this.timer !== undefined) this.schedule(this.stepMs - this.accumulatorMs);
  };
}
