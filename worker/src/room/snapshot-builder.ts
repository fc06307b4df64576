import { Kind, PROTOCOL_VERSION, SnapshotMode, type SnapshotFeatures, type SnapshotMessage } from "@edgehold/protocol";
import { SNAPSHOT_CHANNELS } from "../features/registry.ts";
import { diffChannel, type ChannelBaseline, type ChannelFields } from "./channel-diff.ts";
import type { RoomWorld } from "./room-world.ts";

/** The two feature sets one snapshot tick can send: the shared delta, and a full set for (re)joining clients. */
export interface SnapshotFeatureSets {
  delta: SnapshotFeatures;
  /** Built on first use: most ticks nobody needs a full snapshot. */
  full(): SnapshotFeatures;
}

/**
 * Diffs the world once per snapshot tick for every connection at once.
 *
 * Every connection receives every snapshot tick (WebSockets are ordered and reliable), and a client only ever
 * joins the stream with a `full` snapshot of the same tick's state; so all clients hold the same copy, the one
 * sent last tick, and one delta against it serves them all. That makes a snapshot tick O(entities + connections)
 * rather than O(entities × connections), and lets the codec pack the shared channels once (see codec.ts).
 * Per-connection baselines return when interest management gives each client its own view.
 */
export class SnapshotStream {
  private readonly baselines = new Map<string, ChannelBaseline<ChannelFields>>();

  next(world: RoomWorld): SnapshotFeatureSets {
    const views = new Map<string, Map<string, ChannelFields>>();
    const delta: Record<string, unknown> = {};
    for (const channel of SNAPSHOT_CHANNELS) {
      const current = channel.collect(world) as Map<string, ChannelFields>;
      views.set(channel.name, current);
      let baseline = this.baselines.get(channel.name);
      if (!baseline) this.baselines.set(channel.name, (baseline = new Map()));
      const patch = diffChannel(current, baseline, false);
      if (patch) delta[channel.name] = patch;
    }
    let full: SnapshotFeatures | undefined;
    return {
      delta: delta as SnapshotFeatures,
      full: () => (full ??= fullFeatures(views)),
    };
  }
}

function fullFeatures(views: Map<string, Map<string, ChannelFields>>): SnapshotFeatures {
  const features: Record<string, unknown> = {};
  for (const [name, current] of views) features[name] = { set: Object.fromEntries(current) };
  return features as SnapshotFeatures;
}

export function snapshotMessage(
  mode: SnapshotMode,
  features: SnapshotFeatures,
  tick: number,
  serverTime: number,
  ackInputSeq: number,
  inputQueue = 0,
): SnapshotMessage {
  return { v: PROTOCOL_VERSION, kind: Kind.snapshot, payload: { mode, tick, serverTime, ackInputSeq, inputQueue, features } };
}

export { SnapshotMode };
