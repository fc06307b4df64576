const EPSILON_MS = 1e-6;

/**
 * Turns variable frame times into whole fixed steps: an accumulator of real time, drained one step at a time.
 *
 * The backlog is capped: after a stall (a background tab, a debugger pause) the pacer runs at most `maxSteps`
 * steps and drops the rest, instead of replaying seconds of held keys or spiralling on slow frames.
 */
export class FixedStepPacer {
  private accumulatorMs = 0;
  private lastNow: number | undefined;
  droppedSteps = 0;

  constructor(
    readonly stepMs: number,
    private readonly maxSteps: number,
  ) {}

  /** Steps due at local time `now` (ms). */
  advance(now: number): number {
    const elapsed = this.lastNow === undefined ? 0 : Math.max(0, now - this.lastNow);
    this.lastNow = now;
    this.accumulatorMs += elapsed;
    // The epsilon absorbs float error: 60 frames of 16.666… ms must make exactly 30 steps of 33.333… ms.
    let steps = Math.floor((this.accumulatorMs + EPSILON_MS) / this.stepMs);
    this.accumulatorMs = Math.max(0, this.accumulatorMs - steps * this.stepMs);
    if (steps > this.maxSteps) {
      this.droppedSteps += steps - this.maxSteps;
      steps = this.maxSteps;
    }
    return steps;
  }

  /** How far (0–1) real time is between the last step and the next: for drawing between steps. */
  get alpha(): number {
    return this.accumulatorMs / this.stepMs;
  }

  reset(): void {
    this.accumulatorMs = 0;
    this.lastNow = undefined;
  }
}
