import { Action, Feature, Kind, PROTOCOL_VERSION, type MovementInput } from "@edgehold/protocol";
import { INPUT_SEND_INTERVAL_MS, MAX_INPUTS_PER_FRAME } from "./net-config.ts";
import type { Transport } from "./transport.ts";

/**
 * Batches sampled inputs into `movement.input_batch` commands about every 50 ms, each confirming the newest snapshot
 * applied (`ackTick`, from `ackTick()`; none before the first).
 */
export class InputSender {
  private unsent: MovementInput[] = [];
  private lastSentAt = -Infinity;

  constructor(
    private readonly transport: Transport,
    private readonly ackTick: () => number | undefined,
  ) {}

  get queued(): number {
    return this.unsent.length;
  }

  push(input: MovementInput): void {
    this.unsent.push(input);
  }

  /** Replaces the queue: after a reconnect, every input the server has not applied goes again. */
  replaceQueue(inputs: MovementInput[]): void {
    this.unsent = inputs;
  }

  clear(): void {
    this.unsent = [];
  }

  /** Sends what is queued if a batch is due (or `force`); inputs stay queued while the socket is down. */
  flush(now: number, force = false): void {
    if (this.unsent.length === 0) return;
    if (!force && now - this.lastSentAt < INPUT_SEND_INTERVAL_MS) return;
    while (this.unsent.length > 0) {
      const inputs = this.unsent.slice(0, MAX_INPUTS_PER_FRAME);
      const ackTick = this.ackTick();
      const seq = this.transport.send((envelopeSeq) => ({
        v: PROTOCOL_VERSION,
        kind: Kind.command,
        seq: envelopeSeq,
        feature: Feature.movement,
        action: Action.inputBatch,
        payload: ackTick === undefined ? { inputs } : { inputs, ackTick },
      }));
      if (seq === undefined) return;
      this.unsent.splice(0, inputs.length);
      this.lastSentAt = now;
    }
  }
}
