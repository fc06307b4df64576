import { Packr } from "msgpackr";
import type { Codec } from "./constants.ts";
import { Kind } from "./constants.ts";
import type { ClientMessage, ServerMessage, SnapshotMessage } from "./messages.ts";
import { packMovement, unpackMovement, type CompactMovementChannel } from "./movement-wire.ts";

/**
 * One msgpack codec for both directions. `useRecords: false` keeps frames plain msgpack maps that any msgpack
 * library can read (records are a msgpackr-only extension); in workerd, where `new Function` is forbidden,
 * msgpackr then uses its interpreted decoder, which `npm run bench -w protocol` measures.
 */
const packr = new Packr({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  // msgpackr otherwise decodes its structured-clone id/pointer extensions (0x69/0x70) even with this option unset: a
  // few hundred bytes of pointers make a value of 2^n nodes, which its own error path JSON-stringifies (seconds of CPU
  // per frame). No client needs them, so frames using them are malformed.
  structuredClone: false,
});

export type Frame = string | Uint8Array;

export function encodeMsgpack(value: unknown): Uint8Array {
  return packr.pack(value);
}

export function decodeMsgpack(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}

/** Encodes a server message for a connection's codec; binary snapshots use the compact channel forms. */
export function encodeServerMessage(message: ServerMessage, codec: Codec): Frame {
  if (codec === "json") return JSON.stringify(message);
  if (message.kind === Kind.snapshot && message.payload.features.movement) {
    const movement = packMovementOnce(message.payload.features.movement);
    const features = { ...message.payload.features, movement };
    return encodeMsgpack({ ...message, payload: { ...message.payload, features } });
  }
  return encodeMsgpack(message);
}

/**
 * Decodes a frame from the server (used by clients: the page, bots, tests) and expands compact channels back to
 * the logical shape. The server is trusted here, but truncated or foreign bytes still throw rather than corrupt.
 */
export function decodeServerMessage(frame: Frame | ArrayBuffer): ServerMessage {
  const value = typeof frame === "string" ? JSON.parse(frame) : decodeMsgpack(toBytes(frame));
  if (typeof value !== "object" || value === null || typeof (value as { kind?: unknown }).kind !== "string") {
    throw new TypeError("not a server envelope");
  }
  const message = value as ServerMessage;
  if (typeof frame !== "string" && message.kind === Kind.snapshot) {
    const features = (message as SnapshotMessage).payload.features as Record<string, unknown>;
    if (features.movement) features.movement = unpackMovement(features.movement as CompactMovementChannel);
  }
  return message;
}

/**
 * A room sends the same movement patch object to every connection in a snapshot tick (only `ackInputSeq` differs
 * per connection), so the packed form is computed once per patch object and reused.
 */
const packedMovement = new WeakMap<object, CompactMovementChannel>();
function packMovementOnce(patch: NonNullable<SnapshotMessage["payload"]["features"]["movement"]>): CompactMovementChannel {
  let packed = packedMovement.get(patch);
  if (!packed) packedMovement.set(patch, (packed = packMovement(patch)));
  return packed;
}

export function encodeClientMessage(message: ClientMessage, codec: Codec): Frame {
  return codec === "json" ? JSON.stringify(message) : encodeMsgpack(message);
}

export function toBytes(frame: Uint8Array | ArrayBuffer): Uint8Array {
  return frame instanceof Uint8Array ? frame : new Uint8Array(frame);
}
