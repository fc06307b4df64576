import { CoreErrorCode } from "../constants.ts";
import type { FeatureDefinition } from "./define-feature.ts";
import {
  actionNames,
  assertDistinct,
  channelNames,
  commandTable,
  errorCodeNames,
  eventActionNames,
  featureNames,
  nameConstants,
  type CommandOf,
  type CommandUnion,
  type EventOf,
  type EventUnion,
  type FeatureNameOf,
  type InputOf,
  type PayloadOf,
} from "./derive.ts";
import { buildFeature } from "./build/index.ts";
import { chatFeature } from "./chat/index.ts";
import { combatFeature } from "./combat/index.ts";
import { movementFeature } from "./movement/index.ts";
import { partyFeature } from "./party/index.ts";
import { presenceFeature } from "./presence/index.ts";
import { sessionFeature } from "./session/index.ts";
import { telemetryFeature } from "./telemetry/index.ts";
import { wildlifeFeature } from "./wildlife/index.ts";

/**
 * The built-in features, listed once. Add a feature: its folder under features/ (its definition, and an index.ts
 * that is its public surface), its `export *` below and its entry in FEATURES. Everything else — the name
 * constants, ErrorCode, the step input, the message unions, the parser, the package's exports — follows.
 */
export * from "./build/index.ts";
export * from "./chat/index.ts";
export * from "./combat/index.ts";
export * from "./movement/index.ts";
export * from "./party/index.ts";
export * from "./presence/index.ts";
export * from "./session/index.ts";
export * from "./telemetry/index.ts";
export * from "./wildlife/index.ts";

export const FEATURES = [movementFeature, sessionFeature, presenceFeature, buildFeature, combatFeature, chatFeature, wildlifeFeature, partyFeature, telemetryFeature] as const;
assertDistinct(FEATURES);

export type Features = typeof FEATURES;

/** Feature names: `Feature.movement === "movement"`. */
export const Feature = nameConstants(featureNames(FEATURES));
export type Feature = (typeof Feature)[keyof typeof Feature];

/** Command actions of every feature: `Action.inputBatch === "input_batch"`. */
export const Action = nameConstants(actionNames(FEATURES));
export type Action = (typeof Action)[keyof typeof Action];

/** The commands the server understands: feature → actions (features without commands are absent). */
export const COMMANDS = commandTable(FEATURES);

/** Snapshot channels. */
export const Channel = nameConstants(channelNames(FEATURES));
export type Channel = (typeof Channel)[keyof typeof Channel];

/** Event actions carried by `event` envelopes. */
export const EventAction = nameConstants(eventActionNames(FEATURES));
export type EventAction = (typeof EventAction)[keyof typeof EventAction];

/**
 * Codes carried by `error` envelopes: the room's own (CoreErrorCode) and every feature's (`errors` in its
 * definition; what each means is written there): `ErrorCode.buildRejected === "build_rejected"`.
 */
export const ErrorCode = Object.freeze({ ...CoreErrorCode, ...featureErrorCodes(FEATURES) });
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes a feature list declares, refused if one reuses a code (or a constant's key) of the room's own. */
function featureErrorCodes<const Fs extends readonly FeatureDefinition[]>(features: Fs) {
  const codes = nameConstants(errorCodeNames(features));
  const core = new Set<string>([...Object.keys(CoreErrorCode), ...Object.values(CoreErrorCode)]);
  for (const [key, code] of Object.entries(codes) as [string, string][]) {
    if (core.has(key) || core.has(code)) throw new Error(`error code "${code}" is the room's own`);
  }
  return codes;
}

/**
 * One step input of the built-in features (one simulation step of the sender): its `seq` and every feature's input
 * fields — movement's keys, build's `build` action, combat's `fire`, `aimX`, `aimY` and `viewTime`.
 */
export type MovementInput = InputOf<Features>;

/** `movement.input_batch`: the inputs since the last batch, oldest first, and the client's `ackTick`. */
export type InputBatchPayload = PayloadOf<Features[0]["commands"]["input_batch"], MovementInput>;

/** The command of a built-in feature and action: `FeatureCommand<"chat", "send">`. */
export type FeatureCommand<F extends FeatureNameOf<Features>, A extends Extract<CommandUnion<Features>, { feature: F }>["action"]> = CommandOf<
  Features,
  F,
  A
>;

/** The event of a built-in feature and action: `FeatureEvent<"combat", "hit">`. */
export type FeatureEvent<F extends FeatureNameOf<Features>, A extends Extract<EventUnion<Features>, { feature: F }>["action"]> = EventOf<
  Features,
  F,
  A
>;
