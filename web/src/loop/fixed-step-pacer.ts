import { INPUT_QUEUE_TARGET } from "@edgehold/protocol";

const EPSILON_MS = 1e-6;
/**
 * How much slower than the room the input clock runs while the room reports a long queue of this player's inputs:
 * 8% (30 → ~27.8 Hz) drains a standing backlog of ~10 inputs in ~4 s, and the player's own avatar moving 8% slower
 * for a few seconds is hard to notice (Overwatch slows its command clock the same way). Each input is still exactly
 * one simulation step, so prediction stays exact; the room just receives fewer steps per second than it runs.
 */
export const QUEUE_DRAIN_SLOWDOWN = 0.08;

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

  /** The current length of a step on this clock: `baseStepMs`, or longer while the room's input queue drains. */
  stepMs: number;

  constructor(
    readonly baseStepMs: number,
    private readonly maxSteps: number,
  ) {
    this.stepMs = baseStepMs;
  }

  /**
   * Follows the room's report of how many of this player's inputs it holds (snapshot `inputQueue`): slower while
   * it is above the jitter allowance, exactly the base rate once it is back at or below it.
   */
  paceForInputQueue(inputQueue: number): void {
    this.stepMs = inputQueue > INPUT_QUEUE_TARGET ? this.baseStepMs * (1 + QUEUE_DRAIN_SLOWDOWN) : this.baseStepMs;
  }

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
