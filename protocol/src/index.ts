export * from "./constants.ts";
export type * from "./messages.ts";
export * from "./codec.ts";
export * from "./validate.ts";
export { parseAckTick } from "./ack-tick.ts";
export { isFiniteNumber } from "./guards.ts";
export * from "./room-code.ts";
export { randomRoomCode } from "./room-code-generator.ts";
export * from "./replica.ts";
export * from "./world-rules.ts";
// The feature seam: how a feature is defined, the built-in list, and everything derived from a list.
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
  type EventMessageOf,
  type EventOf,
  type EventPayloadOf,
  type EventUnion,
  type FeatureList,
  type FieldsOf,
  type PayloadOf,
  type SnapshotChannelsOf,
} from "./features/derive.ts";
export * from "./features/movement/movement-feature.ts";
export * from "./features/movement/movement-wire.ts";
export * from "./features/movement/teleport-counter.ts";
export { parseInputBatch } from "./features/movement/input-batch-validator.ts";
export * from "./features/presence/presence-feature.ts";
export * from "./features/session/session-feature.ts";
export * from "./features/build/build-feature.ts";
export {
  BUILD_TILE_MAX,
  BUILD_TILE_MIN,
  BuildOp,
  BuildRejectReason,
  MAX_STRUCTURE_HP,
  STRUCTURE_KINDS,
  StructureKind,
} from "./features/build/build-types.ts";
export { isStructureKind, isTileCoordinate, isTileNumber, parseBuildAction, parseBuildPreview } from "./features/build/build-validators.ts";
export {
  BUILD_BODY_MARGIN_METRES,
  BUILD_REACH_METRES,
  SPAWN_PROTECTION_METRES,
  blocksBodies,
  placementRefusal,
  type BuildSite,
} from "./features/build/build-placement.ts";
export { packBuild, unpackBuild, type CompactBuildChannel } from "./features/build/build-wire.ts";
export { parseSessionRefresh } from "./features/session/session-refresh-validator.ts";
export * from "./features/combat/combat-feature.ts";
export { AIM_MAX_LENGTH, AIM_MIN_LENGTH } from "./features/combat/combat-types.ts";
export { parseFireFields } from "./features/combat/combat-validators.ts";
export { packCombat, unpackCombat, type CompactCombatChannel } from "./features/combat/combat-wire.ts";
export { packProjectiles, unpackProjectiles, type CompactProjectileChannel } from "./features/combat/projectile-wire.ts";
export * from "./features/chat/chat-feature.ts";
export {
  CHAT_HISTORY_SIZE,
  ChatScope,
  EMOTES,
  MAX_CHAT_TEXT_LENGTH,
  MuteReason,
  NEARBY_CHAT_RADIUS,
  type EmoteName,
  type SendScope,
} from "./features/chat/chat-types.ts";
export { chatTextLength, cleanChatText, parseChatSend } from "./features/chat/chat-validators.ts";
