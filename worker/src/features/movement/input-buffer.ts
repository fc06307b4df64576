import type { MovementInput } from "@edgehold/protocol";

/**
 * Inputs waiting to be simulated for one player, oldest first. One input is applied per tick.
 *
 * 32 inputs = ~1 s at 30 Hz: enough to absorb a burst after a network stall; a client that stays further ahead
 * than that is sending faster than real time, and its oldest inputs are dropped (and it is told).
 */
export const INPUT_BUFFER_CAPACITY = 32;

export class InputBuffer {
  private readonly queue: MovementInput[] = [];

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

  /** The next input to simulate, marking it applied; undefined when the player has sent nothing new. */
  take(): MovementInput | undefined {
    const input = this.queue.shift();
    if (input) this.lastAppliedSeq = input.seq;
    return input;
  }

  /** Forgets queued inputs and restarts numbering after `lastAppliedSeq` (a new client for the same player). */
  reset(lastAppliedSeq: number): void {
    this.queue.length = 0;
    this.lastAppliedSeq = lastAppliedSeq;
  }
}
