import { decodeServerMessage, encodeServerMessage, encodeSnapshotFeatures, type EncodedFeatures, type Frame } from "../codec.ts";
import type { Codec } from "../constants.ts";
import type { ClientMessageOf, ServerMessage, ServerMessageOf } from "../messages.ts";
import { SnapshotAssembler } from "../snapshot-assembly.ts";
import { parseClientFrame, parseEnvelope, type ParseResult } from "../validate.ts";
import { assertDistinct, binaryChannelCodecs, commandRoutes, commandTable, type CommandTableOf, type FeatureList } from "./derive.ts";

/** The protocol of one feature list: its parser (the untrusted → typed boundary) and its server codec. */
export interface Protocol<Fs extends FeatureList> {
  readonly features: Fs;
  /** Feature → its command actions. */
  readonly commands: CommandTableOf<Fs>;
  parseClientFrame(frame: string | ArrayBuffer | Uint8Array, maxBytes?: number): ParseResult<ClientMessageOf<Fs>>;
  parseEnvelope(value: unknown): ParseResult<ClientMessageOf<Fs>>;
  encodeServerMessage(message: ServerMessageOf<Fs>, codec: Codec): Frame;
  /** A snapshot's features encoded once for many connections (frames: `encodeSnapshotFrame`, codec.ts). */
  encodeSnapshotFeatures(features: object, codec: Codec): EncodedFeatures;
  /** Features assembled from each entity's fields encoded once per snapshot tick, for connections whose views differ. */
  createSnapshotAssembler(): SnapshotAssembler;
  decodeServerMessage(frame: Frame | ArrayBuffer): ServerMessageOf<Fs>;
}

/**
 * Builds the protocol for a feature list: the built-in `FEATURES` plus, say, a feature a test defines. The
 * package-level `parseClientFrame`/`encodeServerMessage` are this for the built-in list. Throws when two features
 * share a name or a channel.
 */
export function createProtocol<const Fs extends FeatureList>(features: Fs): Protocol<Fs> {
  assertDistinct(features);
  const routes = commandRoutes(features);
  const channels = binaryChannelCodecs(features);
  // The parser checks every command against `routes`, which come from these same definitions, so its messages are
  // this list's commands (the plain functions are typed for the built-in list).
  type Result = ParseResult<ClientMessageOf<Fs>>;
  return {
    features,
    commands: commandTable(features),
    parseClientFrame: (frame, maxBytes) => parseClientFrame(frame, maxBytes, routes) as Result,
    parseEnvelope: (value) => parseEnvelope(value, routes) as Result,
    encodeServerMessage: (message, codec) => encodeServerMessage(message as ServerMessage, codec, channels),
    encodeSnapshotFeatures: (features, codec) => encodeSnapshotFeatures(features, codec, channels),
    createSnapshotAssembler: () => new SnapshotAssembler(channels),
    decodeServerMessage: (frame) => decodeServerMessage(frame, channels) as ServerMessageOf<Fs>,
  };
}
