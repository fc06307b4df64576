import { MAX_INPUTS_PER_BATCH, MAX_SEQ } from "../../constants.ts";
import { parseAckTick } from "../../ack-tick.ts";
import { isPlainObject, isSeq } from "../../guards.ts";
import type { InputFieldsSpec, PayloadValidator, SequencedInput } from "../define-feature.ts";
import type { InputBatchFields, MovementKeys } from "./movement-types.ts";

const KEYS = ["up", "down", "left", "right"] as const;

/** Movement's input fields: the four keys, each a boolean. */
export function parseMovementKeys(input: Record<string, unknown>, at: string): MovementKeys | string {
  for (const key of KEYS) {
    if (typeof input[key] !== "boolean") return `${at}.${key} must be a boolean`;
  }
  return { up: input.up as boolean, down: input.down as boolean, left: input.left as boolean, right: input.right as boolean };
}

/**
 * The validator of `movement.input_batch` for a feature list whose input fields are `fields` (movement's keys, and
 * whatever other features add: a build action, a shot). Returns the typed payload (unknown keys dropped), or a
 * message naming what is wrong. Seqs are checked here: they order the batch, whatever the inputs carry.
 */
export function inputBatchValidator(fields: readonly InputFieldsSpec[]): PayloadValidator<InputBatchFields & { inputs: SequencedInput[] }> {
  return (payload) => {
    if (!isPlainObject(payload)) return "payload must be an object with an inputs array";
    const { inputs } = payload;
    if (!Array.isArray(inputs)) return "payload.inputs must be an array";
    const ackTick = parseAckTick(payload.ackTick, "payload.ackTick");
    if (typeof ackTick === "string") return ackTick;
    if (inputs.length === 0 || inputs.length > MAX_INPUTS_PER_BATCH) {
      return `payload.inputs must hold 1..${MAX_INPUTS_PER_BATCH} inputs (got ${inputs.length})`;
    }
    const parsed: SequencedInput[] = [];
    let previousSeq = -1;
    for (let i = 0; i < inputs.length; i++) {
      const input: unknown = inputs[i];
      const at = `payload.inputs[${i}]`;
      if (!isPlainObject(input)) return `${at} must be an object`;
      if (!isSeq(input.seq) || input.seq === 0) return `${at}.seq must be an integer 1..${MAX_SEQ}`;
      if (input.seq <= previousSeq) return `${at}.seq must be greater than the previous input's`;
      previousSeq = input.seq;
      const typed: SequencedInput = { seq: input.seq };
      for (const spec of fields) {
        const more = spec.parse(input, at);
        if (typeof more === "string") return more;
        Object.assign(typed, more);
      }
      parsed.push(typed);
    }
    return ackTick === undefined ? { inputs: parsed } : { inputs: parsed, ackTick };
  };
}
