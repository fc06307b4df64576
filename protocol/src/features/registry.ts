import {
  actionNames,
  assertDistinct,
  channelNames,
  commandTable,
  eventActionNames,
  featureNames,
  nameConstants,
} from "./derive.ts";
import { buildFeature } from "./build/build-feature.ts";
import { combatFeature } from "./combat/combat-feature.ts";
import { chatFeature } from "./chat/chat-feature.ts";
import { movementFeature } from "./movement/movement-feature.ts";
import { presenceFeature } from "./presence/presence-feature.ts";
import { sessionFeature } from "./session/session-feature.ts";

/** The built-in features, listed once. Add a feature: its folder under features/, and one line here. */
export const FEATURES = [movementFeature, sessionFeature, presenceFeature, buildFeature, combatFeature, chatFeature] as const;
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
