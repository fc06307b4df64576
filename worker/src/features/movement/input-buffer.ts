import type { MovementInput } from "@edgehold/protocol";

/**
 * Inputs waiting to be simulated for one player, oldest first. One input is applied per tick, plus catch-up inputs
 * while the player is behind (see `takeCatchUp`).
 *
 * 64 inputs = ~2 s at 30 Hz: more than the page ever has unacknowledged (it stops predicting at 60), so a burst
 * after a network stall or a room stall of up to ~2 s loses nothing the player saw. A client further ahead than that
 * is sending faster than real time, and its oldest inputs are dropped (and it is told).
 */
export const INPUT_BUFFER_CAPACITY = 64;
/**
 * Queued inputs the room lets a player keep to absorb network jitter (~133 ms at 30 Hz; a client sends a batch of
 * one or two every ~50 ms). A longer queue is latency the player feels on every ack, so it is drained.
 */
export const INPUT_BACKLOG_TARGET = 4;
/**
 * Catch-up credit is capped at two seconds of steps (what the buffer can hold): a player idle for a minute does not
 * bank a minute of double-speed steps.
 */
export const MAX_INPUT_CREDIT = 60;

export class InputBuffer {
  private readonly queue: MovementInput[] = [];
  /**
   * Steps of real time this player may still spend: +1 per room step (and per step the room had to drop), −1 per
   * input applied. It only exceeds 1 after the player was starved (the network held their inputs back) or the room
   * stalled, so catching up never lets a client move faster than real time — sending inputs at 60 Hz buys nothing.
   */
  private credit = 0;

  /** @param lastAppliedSeq the last input seq the simulation applied (restored on resume). */
  constructor(public lastAppliedSeq = 0) {}

  /** Highest seq accepted so far (queued or applied); anything at or below it is stale or a duplicate. */
  get lastAcceptedSeq(): number {
    return this.queue.length > 0 ? this.queue[this.queue.length - 1]!.seq : this.lastAppliedSeq;
  }

  get size(): number {
    return this.queue.length;
  }

  /** Queues new inputs, ignoring stale and duplicate seqs. Returns how many were dropped for lack of room. */
  push(inputs: readonly MovementInput[]): { accepted: number; dropped: number } {
    let accepted = 0;
    for (const input of inputs) {
      if (input.seq <= this.lastAcceptedSeq) continue;
      this.queue.push(input);
      accepted++;
    }
    const dropped = Math.max(0, this.queue.length - INPUT_BUFFER_CAPACITY);
    if (dropped > 0) this.queue.splice(0, dropped);
    return { accepted, dropped };
  }

  /** Real time passed: `steps` more inputs may be applied. */
  earn(steps: number): void {
    this.credit = Math.min(MAX_INPUT_CREDIT, this.credit + steps);
  }

  /** This step's input, marking it applied; undefined when the player has sent nothing new (or has no credit). */
  take(): MovementInput | undefined {
    if (this.credit < 1) return undefined;
    return this.apply(this.queue.shift());
  }

  /**
   * An extra input for this step when the queue is longer than the jitter allowance and the player has credit
   * left — they fell behind through a network burst or a room stall, and each input is still exactly one step of
   * the shared simulation, so the client's prediction stays exact while the backlog drains.
   */
  takeCatchUp(): MovementInput | undefined {
    if (this.queue.length <= INPUT_BACKLOG_TARGET) return undefined;
    return this.take();
  }

  /** Forgets queued inputs and restarts numbering after `lastAppliedSeq` (a new client for the same player). */
  reset(lastAppliedSeq: number): void {
    this.queue.length = 0;
    this.lastAppliedSeq = lastAppliedSeq;
    this.credit = 0;
  }

  private apply(input: MovementInput | undefined): MovementInput | undefined {
    if (!input) return undefined;
    this.credit--;
    this.lastAppliedSeq = input.seq;
    return input;
  }
}
