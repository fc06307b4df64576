import { Kind, PROTOCOL_VERSION, SnapshotMode, type SnapshotFeatures, type SnapshotMessage } from "@edgehold/protocol";
import { SNAPSHOT_CHANNELS } from "../features/registry.ts";
import { diffChannel, type ChannelFields } from "./channel-diff.ts";
import type { Connection } from "./connection.ts";
import type { RoomWorld } from "./room-world.ts";

/** Every channel's current entities, collected once per snapshot tick and shared by all connections. */
export type ChannelViews = Map<string, ReadonlyMap<string, ChannelFields>>;

export function collectChannels(world: RoomWorld): ChannelViews {
  const views: ChannelViews = new Map();
  for (const channel of SNAPSHOT_CHANNELS) views.set(channel.name, channel.collect(world) as Map<string, ChannelFields>);
  return views;
}

/** The snapshot for one connection: `full` if it asked for one, else a delta against what it last received. */
export function buildSnapshot(
  connection: Connection,
  views: ChannelViews,
  tick: number,
  serverTime: number,
  ackInputSeq: number,
): SnapshotMessage {
  const full = connection.needsFullSnapshot;
  connection.needsFullSnapshot = false;
  const features: Record<string, unknown> = {};
  for (const [name, current] of views) {
    const patch = diffChannel(current, connection.baseline(name), full);
    if (patch) features[name] = patch;
  }
  return {
    v: PROTOCOL_VERSION,
    kind: Kind.snapshot,
    payload: {
      mode: full ? SnapshotMode.full : SnapshotMode.delta,
      tick,
      serverTime,
      ackInputSeq,
      features: features as SnapshotFeatures,
    },
  };
}
