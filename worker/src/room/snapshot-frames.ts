import { encodeSnapshotFeatures, encodeSnapshotFrame, SnapshotAssembler, SnapshotMode, type Codec, type EncodedFeatures, type Frame, type Protocol } from "@edgehold/protocol";
import type { SnapshotFeatureSets } from "./snapshot-builder.ts";

/**
 * How a room encodes snapshot features: its protocol's (the codecs of its channels), once for a view many connections
 * share, or assembled per connection from entities encoded once (rooms with an interest radius).
 */
export type FeatureEncoder = Pick<Protocol<never>, "encodeSnapshotFeatures" | "createSnapshotAssembler">;

/** The built-in features' encoder (a room running other features passes its protocol's). */
export const BUILT_IN_FEATURE_ENCODER: FeatureEncoder = {
  encodeSnapshotFeatures: (features, codec) => encodeSnapshotFeatures(features, codec),
  createSnapshotAssembler: () => new SnapshotAssembler(),
};

/**
 * One view's snapshot frames of one tick. The features (the delta, or the full set) are encoded once per codec on
 * first use and shared by every connection that gets them: thirty clients asking for a full snapshot on one tick cost
 * one encoding of the room, not thirty. Only each connection's header (`ackInputSeq`, `inputQueue`) is its own.
 */
export class SnapshotFrames {
  private readonly encoded = new Map<string, EncodedFeatures>();

  constructor(
    private readonly encoder: FeatureEncoder,
    private readonly sets: SnapshotFeatureSets,
    private readonly tick: number,
    private readonly serverTime: number,
  ) {}

  frame(mode: SnapshotMode, codec: Codec, ackInputSeq: number, inputQueue: number): Frame {
    return snapshotFrame(mode, this.tick, this.serverTime, ackInputSeq, inputQueue, this.features(mode, codec));
  }

  /** The features of `mode` encoded for `codec`, once. */
  features(mode: SnapshotMode, codec: Codec): EncodedFeatures {
    const key = `${mode} ${codec}`;
    let features = this.encoded.get(key);
    if (!features) {
      features = this.encoder.encodeSnapshotFeatures(mode === SnapshotMode.full ? this.sets.full() : this.sets.delta, codec);
      this.encoded.set(key, features);
    }
    return features;
  }
}

/** One connection's snapshot frame: its header, and features encoded for everyone who gets them. */
export function snapshotFrame(mode: SnapshotMode, tick: number, serverTime: number, ackInputSeq: number, inputQueue: number, features: EncodedFeatures): Frame {
  return encodeSnapshotFrame({ mode, tick, serverTime, ackInputSeq, inputQueue }, features);
}
