import { MAX_SEQ } from "./constants.ts";
import { isSeq } from "./guards.ts";

/**
 * `ackTick` (on `movement.input_batch` and `ping` payloads): the newest snapshot `tick` the client has applied. The
 * room measures each connection's round trip and whether it reads its snapshots from it (ARCHITECTURE.md "Reading
 * confirmation"). Ticks count up from 0 at 30 Hz, bounded like seqs (2^31 − 1 ticks is over two years of a room).
 *
 * Returns the tick, undefined when absent (clients from before ackTick still parse), or a message naming what is
 * wrong (`at` names the field, e.g. "payload.ackTick").
 */
export function parseAckTick(value: unknown, at: string): number | undefined | string {
  if (value === undefined) return undefined;
  return isSeq(value) ? value : `${at} must be an integer 0..${MAX_SEQ} (the newest snapshot tick applied)`;
}
