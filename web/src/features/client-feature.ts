import type { ErrorPayload, EventPayloadOf, FeatureDefinition, Replica } from "@edgehold/protocol";
import type { PredictionKey, PredictionParticipant } from "../net/prediction.ts";
import type { ResumeStore } from "../net/resume-store.ts";
import type { FeatureController, FeatureSession } from "./feature-session.ts";
import type { LocalStateKey } from "./local-state.ts";

export { localState, type LocalStateKey } from "./local-state.ts";

/**
 * The client half of a feature, keyed by the names of its protocol definition (so a handler's payload type is the
 * one the protocol declares, and every channel the protocol defines must say how it replicates):
 *  - `events`: handlers of the events it owns; `error`: a look at every `error` envelope;
 *  - `channels`: how each of its snapshot channels replicates;
 *  - `prediction`: its part in predicting the own inputs (net/prediction.ts), one per room client;
 *  - `controller`: the feature on screen (feature-session.ts), one per game session: input it adds, keys, a frame
 *    hook, a HUD element, a debug section, and a typed `send` for its commands.
 * Adding a feature: a folder here and one line in registry.ts; RoomClient, GameSession and GameView do not change.
 */

/**
 * How the page treats a channel's snapshots. `interpolated`: kept as a timeline and drawn between the last two
 * snapshots (bodies: movement). `latest`: the newest value is the truth (presence, structures).
 */
export type ReplicationPolicy = "interpolated" | "latest";

/** What an event handler may touch. */
export interface ClientFeatureContext {
  readonly roomCode: string;
  /** Every channel's latest state (read it; snapshots write it). */
  readonly replica: Replica;
  readonly resumeStore: ResumeStore;
  /** Shows a one-off line in the HUD's event list. */
  notify(text: string): void;
  /** The feature's own state for this room (made on first use, kept as long as the room's client). */
  local<T>(key: LocalStateKey<T>): T;
}

export type EventHandler<P> = (payload: P, context: ClientFeatureContext) => void;

/**
 * Sees every `error` envelope (`seq`: the rejected command's or input's, when it names one); true when the feature
 * showed it, so the client does not log it as unexpected (and no later feature is offered it).
 */
export type ErrorHandler = (error: ErrorPayload, seq: number | undefined, context: ClientFeatureContext) => boolean;

type Names<R> = Extract<keyof R, string>;

/** The parts of a client feature besides its protocol definition (what `defineClientFeature` takes). */
export interface ClientFeatureParts<F extends FeatureDefinition = FeatureDefinition> {
  readonly events: { readonly [A in Names<F["events"]>]?: EventHandler<EventPayloadOf<F["events"][A]>> };
  readonly channels: { readonly [C in Names<F["channels"]>]: ReplicationPolicy };
  readonly error?: ErrorHandler;
  readonly prediction?: PredictionKey<PredictionParticipant>;
  readonly controller?: (session: FeatureSession<F>) => FeatureController;
}

export interface ClientFeature<F extends FeatureDefinition = FeatureDefinition> extends ClientFeatureParts<F> {
  readonly protocol: F;
}

/** Any client feature, its payload types erased: what a registry holds. */
export interface AnyClientFeature {
  readonly protocol: FeatureDefinition;
  readonly events: { readonly [action: string]: EventHandler<never> | undefined };
  readonly channels: { readonly [channel: string]: ReplicationPolicy };
  readonly error?: ErrorHandler;
  readonly prediction?: PredictionKey<PredictionParticipant>;
  readonly controller?: (session: never) => FeatureController;
}

export function defineClientFeature<F extends FeatureDefinition>(protocol: F, parts: ClientFeatureParts<F>): ClientFeature<F> {
  return { protocol, ...parts };
}
