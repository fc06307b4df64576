export * from "./constants.ts";
export type * from "./messages.ts";
export * from "./codec.ts";
export * from "./join-encoded-features.ts";
export { EntryList, plainPatch, SnapshotAssembler, type AssemblyPatch } from "./snapshot-assembly.ts";
export * from "./validate.ts";
export { parseAckTick } from "./ack-tick.ts";
export { isFiniteNumber } from "./guards.ts";
export * from "./room-code.ts";
export { randomRoomCode } from "./room-code-generator.ts";
export * from "./replica.ts";
export * from "./world-rules.ts";
// The feature seam: how a feature is defined, everything derived from a list of them, and the built-in list
// (registry.ts: FEATURES, the names and codes derived from it, and each built-in feature's public surface).
export * from "./features/define-feature.ts";
export * from "./features/registry.ts";
export * from "./features/create-protocol.ts";
export * from "./features/event-message.ts";
export {
  camelCase,
  type CamelCase,
  type ChannelNameOf,
  type CommandMessage,
  type CommandOf,
  type CommandTableOf,
  type CommandUnion,
  type ErrorCodeNameOf,
  type EventMessageOf,
  type EventOf,
  type EventPayloadOf,
  type EventUnion,
  type FeatureList,
  type FieldsOf,
  type InputFieldsOf,
  type InputOf,
  type PayloadOf,
  type SnapshotChannelsOf,
} from "./features/derive.ts";
