import type { SnapshotFeatures } from "@edgehold/protocol";
import { diffChanged, diffChannel, type ChannelBaseline, type ChannelFields } from "./channel-diff.ts";

/** A versioned channel's changed ids after a version (see ChannelEntry.changedSince). */
export type ChangedSince = (version: number) => Iterable<string> | undefined;

/** Channel name → its entities (id → fields), as one view sees them on one snapshot tick. */
export type ChannelEntities = ReadonlyMap<string, ReadonlyMap<string, ChannelFields>>;

/** The two feature sets one snapshot tick can send: the shared delta, and a full set for (re)joining clients. */
export interface SnapshotFeatureSets {
  delta: SnapshotFeatures;
  /** Built on first use: most ticks nobody needs a full snapshot. */
  full(): SnapshotFeatures;
}

/**
 * Diffs one view of the world once per snapshot tick for every connection that has that view.
 *
 * Every connection receives every snapshot tick of its phase (WebSockets are ordered and reliable) — one that
 * skips some (flow control, snapshot-flow.ts) gets a `full` next — and a client only ever joins the stream with a
 * `full` snapshot of the same tick's state; so all clients of one view hold the same copy, the one sent last tick,
 * and one delta against it serves them all. That makes a snapshot tick O(entities + connections) rather than
 * O(entities × connections), and lets the room encode the shared features once (see snapshot-frames.ts).
 */
export class SnapshotStream {
  private readonly baselines = new Map<string, ChannelBaseline<ChannelFields>>();
  /** Per versioned channel: the entities and version its baseline was taken from. */
  private readonly diffedAt = new Map<string, { entities: ReadonlyMap<string, ChannelFields>; version: number }>();

  /**
   * `versions`: channels that say when they change (see ChannelEntry). One whose entities are the same map at the
   * same version as at its last diff has not moved: its baseline still holds, and it is not diffed again.
   */
  next(
    channels: ChannelEntities,
    versions: ReadonlyMap<string, number> = new Map(),
    changedSince: ReadonlyMap<string, ChangedSince> = new Map(),
  ): SnapshotFeatureSets {
    const delta: Record<string, unknown> = {};
    for (const [name, current] of channels) {
      const version = versions.get(name);
      const last = this.diffedAt.get(name);
      const sameMap = version !== undefined && last?.entities === current;
      if (sameMap && last.version === version) continue;
      let baseline = this.baselines.get(name);
      if (!baseline) this.baselines.set(name, (baseline = new Map()));
      // The same map, moved on: where the channel can say which entities changed, only those are diffed.
      const changed = sameMap ? changedSince.get(name)?.(last.version) : undefined;
      const patch = changed ? diffChanged(current, baseline, changed) : diffChannel(current, baseline, false);
      if (patch) delta[name] = patch;
      if (version !== undefined) this.diffedAt.set(name, { entities: current, version });
    }
    let full: SnapshotFeatures | undefined;
    return {
      delta: delta as SnapshotFeatures,
      full: () => (full ??= fullFeatures(channels)),
    };
  }
}

function fullFeatures(channels: ChannelEntities): SnapshotFeatures {
  const features: Record<string, unknown> = {};
  for (const [name, current] of channels) features[name] = { set: Object.fromEntries(current) };
  return features as SnapshotFeatures;
}
