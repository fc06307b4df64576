import { MAX_INPUTS_PER_BATCH, MAX_SEQ } from "../../constants.ts";
import { parseAckTick } from "../../ack-tick.ts";
import { isPlainObject, isSeq } from "../../guards.ts";
import { parseBuildAction } from "../build/build-validators.ts";
import { parseFireFields } from "../combat/combat-validators.ts";
import type { InputBatchPayload, MovementInput } from "./movement-types.ts";

const KEYS = ["up", "down", "left", "right"] as const;

/** Returns the typed payload (unknown keys dropped), or a message naming what is wrong. */
export function parseInputBatch(payload: unknown): InputBatchPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object with an inputs array";
  const { inputs } = payload;
  if (!Array.isArray(inputs)) return "payload.inputs must be an array";
  const ackTick = parseAckTick(payload.ackTick, "payload.ackTick");
  if (typeof ackTick === "string") return ackTick;
  if (inputs.length === 0 || inputs.length > MAX_INPUTS_PER_BATCH) {
    return `payload.inputs must hold 1..${MAX_INPUTS_PER_BATCH} inputs (got ${inputs.length})`;
  }
  const parsed: MovementInput[] = [];
  let previousSeq = -1;
  for (let i = 0; i < inputs.length; i++) {
    const input: unknown = inputs[i];
    if (!isPlainObject(input)) return `payload.inputs[${i}] must be an object`;
    if (!isSeq(input.seq) || input.seq === 0) return `payload.inputs[${i}].seq must be an integer 1..${MAX_SEQ}`;
    if (input.seq <= previousSeq) return `payload.inputs[${i}].seq must be greater than the previous input's`;
    previousSeq = input.seq;
    for (const key of KEYS) {
      if (typeof input[key] !== "boolean") return `payload.inputs[${i}].${key} must be a boolean`;
    }
    const typed: MovementInput = {
      seq: input.seq,
      up: input.up as boolean,
      down: input.down as boolean,
      left: input.left as boolean,
      right: input.right as boolean,
    };
    const fire = parseFireFields(input, `payload.inputs[${i}]`);
    if (typeof fire === "string") return fire;
    Object.assign(typed, fire);
    if (input.build !== undefined) {
      const build = parseBuildAction(input.build, `payload.inputs[${i}].build`);
      if (typeof build === "string") return build;
      typed.build = build;
    }
    parsed.push(typed);
  }
  return ackTick === undefined ? { inputs: parsed } : { inputs: parsed, ackTick };
}
