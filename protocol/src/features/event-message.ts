import { Kind, PROTOCOL_VERSION } from "../constants.ts";
import type { FeatureDefinition } from "./define-feature.ts";
import type { EventMessageOf, EventPayloadOf } from "./derive.ts";

/**
 * An `event` envelope of a feature, typed by its definition: `eventMessage(presenceFeature, "leave", { … })`
 * checks the action name and the payload shape against the feature, so a server-side feature cannot send an event
 * it did not declare.
 */
export function eventMessage<F extends FeatureDefinition, A extends Extract<keyof F["events"], string>>(
  feature: F,
  action: A,
  payload: EventPayloadOf<F["events"][A]>,
): EventMessageOf<F["name"], A, EventPayloadOf<F["events"][A]>> {
  return { v: PROTOCOL_VERSION, kind: Kind.event, feature: feature.name, action, payload };
}
