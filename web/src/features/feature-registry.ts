import type { ErrorPayload } from "@edgehold/protocol";
import type { AnyClientFeature, ClientFeatureContext, ErrorHandler, EventHandler, ReplicationPolicy } from "./client-feature.ts";

/** An `event` envelope as it arrives: the server is trusted, but a newer server may send events this page lacks. */
export interface IncomingEvent {
  feature: string;
  action: string;
  payload: unknown;
}

/** Routes events to the feature that owns them, and answers how each channel replicates. */
export class ClientFeatureRegistry {
  private readonly handlers = new Map<string, EventHandler<unknown>>();
  private readonly policies = new Map<string, ReplicationPolicy>();
  private readonly errorHandlers: ErrorHandler[] = [];

  constructor(readonly features: readonly AnyClientFeature[]) {
    const names = new Set<string>();
    for (const feature of features) {
      const name = feature.protocol.name;
      if (names.has(name)) throw new Error(`two client features for "${name}"`);
      names.add(name);
      for (const [action, handler] of Object.entries(feature.events)) {
        if (handler) this.handlers.set(`${name}.${action}`, handler as EventHandler<unknown>);
      }
      for (const [channel, policy] of Object.entries(feature.channels)) this.policies.set(channel, policy);
      if (feature.error) this.errorHandlers.push(feature.error);
    }
  }

  /** Hands an event to its feature's handler; an event no feature handles is ignored (true when handled). */
  dispatchEvent(event: IncomingEvent, context: ClientFeatureContext): boolean {
    const handler = this.handlers.get(`${event.feature}.${event.action}`);
    if (!handler) {
      console.debug(`[room] ignored event ${String(event.feature)}.${String(event.action)}: no feature handles it`);
      return false;
    }
    handler(event.payload, context);
    return true;
  }

  /** Offers an `error` envelope to the features that look at errors; true when one of them showed it. */
  dispatchError(error: ErrorPayload, seq: number | undefined, context: ClientFeatureContext): boolean {
    return this.errorHandlers.some((handler) => handler(error, seq, context));
  }

  replicationOf(channel: string): ReplicationPolicy | undefined {
    return this.policies.get(channel);
  }

  /** The channels drawn between snapshots. */
  channelsWith(policy: ReplicationPolicy): string[] {
    return [...this.policies].filter(([, p]) => p === policy).map(([channel]) => channel);
  }

  /** The one interpolated channel: the snapshot buffer holds body kinematics, so there is exactly one. */
  bodyChannel(): string {
    const channels = this.channelsWith("interpolated");
    if (channels.length !== 1) throw new Error(`expected one interpolated (body) channel, got ${channels.length}`);
    return channels[0]!;
  }
}
