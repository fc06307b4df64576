import type { ErrorPayload, EventPayloadOf, FeatureDefinition, Replica } from "@edgehold/protocol";
import type { ResumeStore } from "../net/resume-store.ts";

/**
 * The client half of a feature: the handlers of the events it owns and the replication policy of its channels,
 * keyed by the names of its protocol definition (so a handler's payload type is the one the protocol declares, and
 * every channel the protocol defines must say how it replicates). Adding a feature: a folder here and one line in
 * registry.ts; RoomClient does not change.
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

/** Names one piece of a feature's per-room state; `create` makes it (with the room client's clock, in ms). */
export interface LocalStateKey<T> {
  readonly create: (now: () => number) => T;
}

export function localState<T>(create: (now: () => number) => T): LocalStateKey<T> {
  return { create };
}

export type EventHandler<P> = (payload: P, context: ClientFeatureContext) => void;

/**
 * Sees every `error` envelope (`seq`: the rejected command's, when it names one); true when the feature showed it,
 * so the client does not log it as unexpected.
 */
export type ErrorHandler = (error: ErrorPayload, seq: number | undefined, context: ClientFeatureContext) => boolean;

type Names<R> = Extract<keyof R, string>;

export interface ClientFeature<F extends FeatureDefinition = FeatureDefinition> {
  readonly protocol: F;
  readonly events: { readonly [A in Names<F["events"]>]?: EventHandler<EventPayloadOf<F["events"][A]>> };
  readonly channels: { readonly [C in Names<F["channels"]>]: ReplicationPolicy };
  readonly error?: ErrorHandler;
}

/** Any client feature, its payload types erased: what a registry holds. */
export interface AnyClientFeature {
  readonly protocol: FeatureDefinition;
  readonly events: { readonly [action: string]: EventHandler<never> | undefined };
  readonly channels: { readonly [channel: string]: ReplicationPolicy };
  readonly error?: ErrorHandler;
}

export function defineClientFeature<F extends FeatureDefinition>(
  protocol: F,
  parts: { events: ClientFeature<F>["events"]; channels: ClientFeature<F>["channels"]; error?: ErrorHandler },
): ClientFeature<F> {
  return { protocol, events: parts.events, channels: parts.channels, ...(parts.error ? { error: parts.error } : {}) };
}
