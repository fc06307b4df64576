import type { SnapshotPayload } from "@edgehold/protocol";
import type { AnyClientFeature } from "../features/client-feature.ts";
import type { LocalStateKey } from "../features/local-state.ts";
import type { PredictionHost, PredictionKey, PredictionParticipant } from "./prediction.ts";

/**
 * What the features keep per room client, by key: their own state (`local`, made on first use), their prediction
 * parts (made with the client, in registry order), and a version per snapshot channel.
 */
export class FeatureRoomState {
  private readonly locals = new Map<LocalStateKey<unknown>, unknown>();
  private readonly parts = new Map<PredictionKey<PredictionParticipant>, PredictionParticipant>();
  /** Full snapshots so far, and per channel the deltas that carried it (see channelVersion). */
  private fullSnapshots = 0;
  private readonly channelDeltas = new Map<string, number>();

  constructor(
    features: readonly AnyClientFeature[],
    host: PredictionHost,
    private readonly now: () => number,
  ) {
    for (const feature of features) if (feature.prediction) this.parts.set(feature.prediction, feature.prediction.create(host));
  }

  /** The prediction parts in registry order (the Predictor's participants). */
  get participants(): PredictionParticipant[] {
    return [...this.parts.values()];
  }

  local<T>(key: LocalStateKey<T>): T {
    if (!this.locals.has(key)) this.locals.set(key, key.create(this.now));
    return this.locals.get(key) as T;
  }

  prediction<P extends PredictionParticipant>(key: PredictionKey<P>): P {
    const part = this.parts.get(key);
    if (!part) throw new Error("no such prediction part: its feature is not among this client's features");
    return part as P;
  }

  /** Counts a snapshot: a full one may change every channel, a delta the channels it carries. */
  observe(snapshot: SnapshotPayload): void {
    if (snapshot.mode === "full") this.fullSnapshots++;
    else for (const channel in snapshot.features) this.channelDeltas.set(channel, (this.channelDeltas.get(channel) ?? 0) + 1);
  }

  channelVersion(channel: string): number {
    return this.fullSnapshots + (this.channelDeltas.get(channel) ?? 0);
  }
}
