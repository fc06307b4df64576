import { parseAckTick } from "./ack-tick.ts";
import { decodeMsgpack, toBytes } from "./codec.ts";
import { CoreErrorCode as ErrorCode, ENVELOPE_KEYS, Kind, MAX_FRAME_BYTES, MAX_SEQ, PROTOCOL_VERSION } from "./constants.ts";
import { commandRoutes, type CommandRoutes } from "./features/derive.ts";
import { FEATURES, type ErrorCode as AnyErrorCode } from "./features/registry.ts";
import { isFiniteNumber, isPlainObject, isSeq } from "./guards.ts";
import type { ClientMessage } from "./messages.ts";

/** The built-in features' commands: feature → action → validator. */
const BUILT_IN_ROUTES = commandRoutes(FEATURES);

/**
 * The one place where untrusted client frames become typed values. Everything downstream trusts these types.
 * Nothing here throws: every failure is a `{ ok: false }` with the specific ErrorCode and, when the envelope got
 * far enough to have one, the offending `seq`.
 */
export type ParseResult<M = ClientMessage> =
  | { ok: true; message: M }
  | { ok: false; code: AnyErrorCode; message: string; seq?: number };

export function parseClientFrame(
  frame: string | ArrayBuffer | Uint8Array,
  maxBytes = MAX_FRAME_BYTES,
  routes: CommandRoutes = BUILT_IN_ROUTES,
): ParseResult {
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
  return parseEnvelope(value, routes);
}

/**
 * Validates an already-decoded value (e.g. from JSON) as a client envelope. `routes`: the commands of another
 * feature list (see createProtocol); the built-in features by default.
 */
export function parseEnvelope(value: unknown, routes: CommandRoutes = BUILT_IN_ROUTES): ParseResult {
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
  if (value.kind === Kind.ping) return parsePing(value, seq);
  if (value.kind !== Kind.command) {
    return fail(ErrorCode.unknownKind, `kind must be "command" or "ping"`, seq);
  }
  return parseCommand(value, seq, routes);
}

/**
 * A ping: `clientTime` (0 when absent) and an optional payload `{ ackTick }`. Other payload keys are dropped, as
 * they always were (a payload of another shape is a client bug worth naming: invalid_payload).
 */
function parsePing(envelope: Record<string, unknown>, seq: number): ParseResult {
  const clientTime = isFiniteNumber(envelope.clientTime) ? envelope.clientTime : 0;
  const { payload } = envelope;
  if (payload !== undefined && !isPlainObject(payload)) return fail(ErrorCode.invalidPayload, "a ping's payload must be an object ({ ackTick })", seq);
  const ackTick = parseAckTick(payload?.ackTick, "payload.ackTick");
  if (typeof ackTick === "string") return fail(ErrorCode.invalidPayload, ackTick, seq);
  const message = { v: PROTOCOL_VERSION, kind: Kind.ping, seq, clientTime } as const;
  return { ok: true, message: ackTick === undefined ? message : { ...message, payload: { ackTick } } };
}

/** Routes a command to its feature's validator: the registry, not a list kept here, says what exists. */
function parseCommand(envelope: Record<string, unknown>, seq: number, routes: CommandRoutes): ParseResult {
  const { feature, action } = envelope;
  const actions = typeof feature === "string" ? routes.get(feature) : undefined;
  if (actions === undefined) return fail(ErrorCode.unknownFeature, `unknown feature ${describe(feature)}`, seq);
  const spec = typeof action === "string" ? actions.get(action) : undefined;
  if (spec === undefined) {
    return fail(ErrorCode.unknownAction, `unknown action ${describe(action)} for feature "${feature as string}"`, seq);
  }
  const payload = spec.validate(envelope.payload);
  if (typeof payload === "string") return fail(ErrorCode.invalidPayload, payload, seq);
  // One key order for every command (a re-parse of an accepted message is byte-for-byte the same message).
  const message: Record<string, unknown> = { v: PROTOCOL_VERSION, kind: Kind.command, seq, feature, action };
  if (payload !== undefined) message.payload = payload;
  if (isFiniteNumber(envelope.clientTime)) message.clientTime = envelope.clientTime;
  // The route said this feature takes this action and the validator typed the payload: that is a ClientCommand.
  return { ok: true, message: message as unknown as ClientMessage };
}

function fail(code: ErrorCode, message: string, seq?: number): ParseResult {
  return seq === undefined ? { ok: false, code, message } : { ok: false, code, message, seq };
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
