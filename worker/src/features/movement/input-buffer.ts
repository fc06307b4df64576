import { INPUT_QUEUE_TARGET, type MovementInput } from "@edgehold/protocol";

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
 * one or two every ~50 ms). A longer queue is latency the player feels on every ack, so it is drained: by catch-up
 * steps while credit lasts, then by the client slowing its input clock (snapshots report `inputQueue`).
 */
export const INPUT_BACKLOG_TARGET = INPUT_QUEUE_TARGET;
/**
 * What silence banks: at most 15 steps (0.5 s). A client that goes quiet (a real network hiccup, or a "lag switch"
 * holding its inputs back on purpose) can afterwards apply at most this many inputs more than real time allowed —
 * enough to absorb ordinary jitter and short stalls in catch-up steps, too little to buy a burst of double speed.
 * A longer stall's backlog is drained by the client's slower input clock instead, which never moves anyone faster
 * than real time.
 */
export const MAX_SILENCE_CREDIT = 15;
/**
 * Steps the room itself dropped (its isolate stalled) are credited in full, up to what the buffer can hold: the
 * player's inputs for that time were sent on time and only the room failed to run them.
 */
export const MAX_STALL_CREDIT = INPUT_BUFFER_CAPACITY;
/**
 * Credit for a room stall is spent within ~4 s or forgotten: draining a full buffer at one extra input per step
 * takes 64 steps (~2 s), so twice that is ample, and stall credit never piles up over a long session into a
 * reserve a lag switch could spend later.
 */
export const STALL_CREDIT_TTL_STEPS = 2 * INPUT_BUFFER_CAPACITY;

export class InputBuffer {
  private readonly queue: MovementInput[] = [];
  /**
   * Steps of real time this player may still spend: +1 per room step, −1 per input applied, capped at
   * MAX_SILENCE_CREDIT. It only exceeds 1 after the player was starved (the network held their inputs back), so
   * catching up never lets a client move faster than real time — sending inputs at 60 Hz buys nothing.
   */
  private credit = 0;
  /** Steps the room dropped and still owes this player (spent after `credit`), and for how many steps more. */
  private stallCredit = 0;
  private stallCreditTtl = 0;

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

  /** Real time passed: the room ran `steps` steps, so up to that many more inputs may be applied. */
  earn(steps: number): void {
    this.credit = Math.min(MAX_SILENCE_CREDIT, this.credit + steps);
    if (this.stallCreditTtl > 0 && (this.stallCreditTtl -= steps) <= 0) this.stallCredit = 0;
  }

  /** The room dropped `steps` steps (its loop fell behind): the player may catch up on all of that time. */
  earnDropped(steps: number): void {
    this.stallCredit = Math.min(MAX_STALL_CREDIT, this.stallCredit + steps);
    this.stallCreditTtl = STALL_CREDIT_TTL_STEPS;
  }

  /** This step's input, marking it applied; undefined when the player has sent nothing new (or has no credit). */
  take(): MovementInput | undefined {
    if (this.queue.length === 0) return undefined;
    if (this.credit >= 1) this.credit--;
    else if (this.stallCredit >= 1) this.stallCredit--;
    else return undefined;
    return this.apply(this.queue.shift()!);
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
    this.stallCredit = 0;
    this.stallCreditTtl = 0;
  }

  private apply(input: MovementInput): MovementInput {
    this.lastAppliedSeq = input.seq;
    return input;
  }
}
