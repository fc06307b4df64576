import { Packr } from "msgpackr";
import type { Codec } from "./constants.ts";
import { Kind } from "./constants.ts";
import type { ChannelBinaryCodec } from "./features/define-feature.ts";
import { binaryChannelCodecs, type ChannelCodecs } from "./features/derive.ts";
import { FEATURES } from "./features/registry.ts";
import type { ClientMessage, ServerMessage } from "./messages.ts";

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

/** The built-in channels with a compact binary form (today: movement). */
const BUILT_IN_CHANNEL_CODECS = binaryChannelCodecs(FEATURES);

interface SnapshotLike {
  kind: typeof Kind.snapshot;
  payload: { features: Record<string, unknown> };
}

/**
 * Encodes a server message for a connection's codec; binary snapshots carry each channel that has a binary codec
 * in its compact form. `channels`: the codecs of another feature list (see createProtocol).
 */
export function encodeServerMessage(message: ServerMessage, codec: Codec, channels: ChannelCodecs = BUILT_IN_CHANNEL_CODECS): Frame {
  if (codec === "json") return JSON.stringify(message);
  if (message.kind === Kind.snapshot) {
    const snapshot = message as unknown as SnapshotLike;
    let features: Record<string, unknown> | undefined;
    for (const [name, channelCodec] of channels) {
      const patch = snapshot.payload.features[name];
      if (typeof patch !== "object" || patch === null) continue;
      features ??= { ...snapshot.payload.features };
      features[name] = packOnce(channelCodec, patch);
    }
    if (features) return encodeMsgpack({ ...message, payload: { ...message.payload, features } });
  }
  return encodeMsgpack(message);
}

/**
 * Decodes a frame from the server (used by clients: the page, bots, tests) and expands compact channels back to
 * the logical shape. The server is trusted here, but truncated or foreign bytes still throw rather than corrupt.
 */
export function decodeServerMessage(frame: Frame | ArrayBuffer, channels: ChannelCodecs = BUILT_IN_CHANNEL_CODECS): ServerMessage {
  const value = typeof frame === "string" ? JSON.parse(frame) : decodeMsgpack(toBytes(frame));
  if (typeof value !== "object" || value === null || typeof (value as { kind?: unknown }).kind !== "string") {
    throw new TypeError("not a server envelope");
  }
  const message = value as ServerMessage;
  if (typeof frame !== "string" && message.kind === Kind.snapshot) {
    const features = (message as unknown as SnapshotLike).payload.features;
    for (const [name, channelCodec] of channels) {
      if (features[name]) features[name] = channelCodec.unpack(features[name]);
    }
  }
  return message;
}

/**
 * A room sends the same channel patch object to every connection in a snapshot tick (only `ackInputSeq` differs
 * per connection), so the packed form is computed once per patch object and reused.
 */
const packedByCodec = new WeakMap<ChannelBinaryCodec<object>, WeakMap<object, unknown>>();
function packOnce(codec: ChannelBinaryCodec<object>, patch: object): unknown {
  let cache = packedByCodec.get(codec);
  if (!cache) packedByCodec.set(codec, (cache = new WeakMap()));
  if (cache.has(patch)) return cache.get(patch);
  const packed = codec.pack(patch);
  cache.set(patch, packed);
  return packed;
}

export function encodeClientMessage(message: ClientMessage, codec: Codec): Frame {
  return codec === "json" ? JSON.stringify(message) : encodeMsgpack(message);
}

export function toBytes(frame: Uint8Array | ArrayBuffer): Uint8Array {
  return frame instanceof Uint8Array ? frame : new Uint8Array(frame);
}
