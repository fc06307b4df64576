import { Packr } from "msgpackr";
import type { Codec } from "./constants.ts";
import { Kind, PROTOCOL_VERSION } from "./constants.ts";
import type { ChannelBinaryCodec } from "./features/define-feature.ts";
import { binaryChannelCodecs, type ChannelCodecs } from "./features/derive.ts";
import { FEATURES } from "./features/registry.ts";
import type { ClientMessage, ServerMessage, SnapshotPayload } from "./messages.ts";

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
    const features = compactFeatures(snapshot.payload.features, channels);
    if (features !== snapshot.payload.features) return encodeMsgpack({ ...message, payload: { ...message.payload, features } });
  }
  return encodeMsgpack(message);
}

/** A snapshot's `features` as the binary codec carries them: channels with a binary codec packed (once per patch). */
function compactFeatures(features: Record<string, unknown>, channels: ChannelCodecs): Record<string, unknown> {
  let compact: Record<string, unknown> | undefined;
  for (const [name, channelCodec] of channels) {
    const patch = features[name];
    if (typeof patch !== "object" || patch === null) continue;
    compact ??= { ...features };
    compact[name] = packOnce(channelCodec, patch);
  }
  return compact ?? features;
}

/**
 * A snapshot's `features` encoded once for every connection of one codec that gets them on one tick: the costly
 * part of a snapshot frame (a full one is every entity), while only the header (`ackInputSeq`, `inputQueue`) is the
 * connection's own. See encodeSnapshotFrame.
 */
export type EncodedFeatures = { readonly codec: "json"; readonly text: string } | { readonly codec: "msgpack"; readonly bytes: Uint8Array };

/** The payload of a snapshot without its features: what differs per connection (see encodeSnapshotFrame). */
export type SnapshotHeader = Omit<SnapshotPayload, "features">;

export function encodeSnapshotFeatures(features: object, codec: Codec, channels: ChannelCodecs = BUILT_IN_CHANNEL_CODECS): EncodedFeatures {
  if (codec === "json") return { codec, text: JSON.stringify(features) };
  return { codec, bytes: encodeMsgpack(compactFeatures(features as Record<string, unknown>, channels)) };
}

/** The tail `features: null` encodes to, once the header is encoded (the null is where the features go). */
const JSON_NULL_TAIL = "null}}";
const MSGPACK_NIL = 0xc0;

/**
 * The frame encodeServerMessage makes of the snapshot `{ v, kind, payload: { ...header, features } }`, byte for byte,
 * from features encoded once (encodeSnapshotFeatures). A msgpack or JSON map is its keys and values one after
 * another, and `features` is the last key of the payload, itself the last key of the envelope: so the frame is the
 * header encoded with `features: null`, that null replaced by the encoded features. Per connection this encodes a
 * few numbers instead of every entity.
 */
export function encodeSnapshotFrame(header: SnapshotHeader, features: EncodedFeatures): Frame {
  if (features.codec === "json") {
    const head = JSON.stringify(snapshotEnvelope(header));
    if (!head.endsWith(JSON_NULL_TAIL)) throw new Error("snapshot header did not end with its features");
    return `${head.slice(0, -JSON_NULL_TAIL.length)}${features.text}}}`;
  }
  const head = snapshotFrameHead(header);
  const frame = new Uint8Array(head.length + features.bytes.length);
  frame.set(head);
  frame.set(features.bytes, head.length);
  return frame;
}

/** A msgpack snapshot frame's bytes before its features (see encodeSnapshotFrame): the features' bytes follow. */
export function snapshotFrameHead(header: SnapshotHeader): Uint8Array {
  const head = encodeMsgpack(snapshotEnvelope(header));
  if (head[head.length - 1] !== MSGPACK_NIL) throw new Error("snapshot header did not end with its features");
  return head.subarray(0, head.length - 1);
}

function snapshotEnvelope(header: SnapshotHeader): object {
  // Rebuilt key by key so that `features` is last whatever the caller's object held.
  const { features: _ignored, ...fields } = header as SnapshotHeader & { features?: unknown };
  return { v: PROTOCOL_VERSION, kind: Kind.snapshot, payload: { ...fields, features: null } };
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
