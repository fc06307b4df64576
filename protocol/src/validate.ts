import { decodeMsgpack, toBytes } from "./codec.ts";
import {
  Action,
  COMMANDS,
  ENVELOPE_KEYS,
  ErrorCode,
  Feature,
  Kind,
  MAX_FRAME_BYTES,
  MAX_INPUTS_PER_BATCH,
  MAX_SEQ,
  PROTOCOL_VERSION,
} from "./constants.ts";
import type { ClientMessage, InputBatchPayload, MovementInput } from "./messages.ts";

/**
 * The one place where untrusted client frames become typed values. Everything downstream trusts these types.
 * Nothing here throws: every failure is a `{ ok: false }` with the specific ErrorCode and, when the envelope got
 * far enough to have one, the offending `seq`.
 */
export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ErrorCode; message: string; seq?: number };

export function parseClientFrame(frame: string | ArrayBuffer | Uint8Array, maxBytes = MAX_FRAME_BYTES): ParseResult {
  const size = typeof frame === "string" ? utf8Length(frame, maxBytes) : frame.byteLength;
  if (size > maxBytes) {
    return fail(ErrorCode.frameTooLarge, `frame of ${size} bytes exceeds the ${maxBytes}-byte limit`);
  }
  let value: unknown;
  try {
    value = typeof frame === "string" ? JSON.parse(frame) : decodeMsgpack(toBytes(frame));
  } catch {
    return fail(ErrorCode.malformedFrame, typeof frame === "string" ? "text frame is not valid JSON" : "binary frame is not valid msgpack");
  }
  return parseEnvelope(value);
}

/** Validates an already-decoded value (e.g. from JSON) as a client envelope. */
export function parseEnvelope(value: unknown): ParseResult {
  if (!isPlainObject(value)) return fail(ErrorCode.badEnvelope, "envelope must be a map/object");
  const seq = isSeq(value.seq) ? value.seq : undefined;
  if (value.v !== PROTOCOL_VERSION) {
    return fail(ErrorCode.unsupportedVersion, `v must be ${PROTOCOL_VERSION}`, seq);
  }
  if (seq === undefined) return fail(ErrorCode.badEnvelope, `seq must be an integer 0..${MAX_SEQ}`);
  const unknownKey = Object.keys(value).find((key) => !ENVELOPE_KEYS.includes(key));
  if (unknownKey !== undefined) {
    return fail(ErrorCode.badEnvelope, `unknown envelope key ${describe(unknownKey)} (allowed: ${ENVELOPE_KEYS.join(", ")})`, seq);
  }
  if (value.clientTime !== undefined && !isFiniteNumber(value.clientTime)) {
    return fail(ErrorCode.badEnvelope, "clientTime must be a finite number", seq);
  }
  if (value.kind === Kind.ping) {
    const clientTime = isFiniteNumber(value.clientTime) ? value.clientTime : 0;
    return { ok: true, message: { v: PROTOCOL_VERSION, kind: Kind.ping, seq, clientTime } };
  }
  if (value.kind !== Kind.command) {
    return fail(ErrorCode.unknownKind, `kind must be "command" or "ping"`, seq);
  }
  return parseCommand(value, seq);
}

function parseCommand(envelope: Record<string, unknown>, seq: number): ParseResult {
  const { feature, action } = envelope;
  if (typeof feature !== "string" || !Object.hasOwn(COMMANDS, feature)) {
    return fail(ErrorCode.unknownFeature, `unknown feature ${describe(feature)}`, seq);
  }
  const actions: readonly string[] = COMMANDS[feature as keyof typeof COMMANDS];
  if (typeof action !== "string" || !actions.includes(action)) {
    return fail(ErrorCode.unknownAction, `unknown action ${describe(action)} for feature "${feature}"`, seq);
  }
  const clientTime = isFiniteNumber(envelope.clientTime) ? { clientTime: envelope.clientTime } : {};
  if (feature === Feature.movement && action === Action.inputBatch) {
    const payload = parseInputBatch(envelope.payload);
    if (typeof payload === "string") return fail(ErrorCode.invalidPayload, payload, seq);
    return { ok: true, message: { v: PROTOCOL_VERSION, kind: Kind.command, seq, feature, action, payload, ...clientTime } };
  }
  if (feature === Feature.session && action === Action.resync) {
    if (envelope.payload !== undefined && envelope.payload !== null && !isPlainObject(envelope.payload)) {
      return fail(ErrorCode.invalidPayload, "session.resync payload must be empty", seq);
    }
    return { ok: true, message: { v: PROTOCOL_VERSION, kind: Kind.command, seq, feature, action, ...clientTime } };
  }
  return fail(ErrorCode.unknownAction, `no handler for ${feature}.${action}`, seq);
}

/** Returns the typed payload, or a message naming what is wrong. */
function parseInputBatch(payload: unknown): InputBatchPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object with an inputs array";
  const { inputs } = payload;
  if (!Array.isArray(inputs)) return "payload.inputs must be an array";
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
    for (const key of ["up", "down", "left", "right"] as const) {
      if (typeof input[key] !== "boolean") return `payload.inputs[${i}].${key} must be a boolean`;
    }
    parsed.push({
      seq: input.seq,
      up: input.up as boolean,
      down: input.down as boolean,
      left: input.left as boolean,
      right: input.right as boolean,
    });
  }
  return { inputs: parsed };
}

function fail(code: ErrorCode, message: string, seq?: number): ParseResult {
  return seq === undefined ? { ok: false, code, message } : { ok: false, code, message, seq };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (value instanceof Uint8Array || value instanceof Map) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isSeq(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_SEQ;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  return value === undefined ? "(missing)" : typeof value;
}

/** UTF-8 byte length, stopping early once past the limit (a huge string costs no more than the limit). */
function utf8Length(text: string, limit: number): number {
  // Every UTF-16 unit is at least one UTF-8 byte, so a string longer than the limit needs no counting.
  return text.length > limit ? text.length : byteLengthOf(text);
}

function byteLengthOf(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) { bytes += 4; i++; }
    else bytes += 3; // includes a lone surrogate, which UTF-8 encoders replace with U+FFFD (3 bytes)
  }
  return bytes;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
