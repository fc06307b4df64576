import { SnapshotMode } from "@edgehold/protocol";
import type { ChannelFields } from "./channel-diff.ts";
import type { Connection } from "./connection.ts";
import type { CollectedChannel } from "./room-features.ts";
import { STEPS_PER_SNAPSHOT } from "./room-config.ts";
import type { RoomWorld } from "./room-world.ts";
import { SnapshotStream, type ChangedSince } from "./snapshot-builder.ts";
import { DEFAULT_SNAPSHOT_FLOW, nextSnapshotMode, type SnapshotFlowLimits } from "./snapshot-flow.ts";
import { BUILT_IN_FEATURE_ENCODER, SnapshotFrames, type FeatureEncoder } from "./snapshot-frames.ts";

/**
 * Sends each connection its snapshot at 10 Hz: `full` when it (re)joined or asked, `delta` otherwise.
 *
 * Connections are spread over the 3 ticks of the snapshot period (phases): a tick encodes and sends a third of the
 * room's snapshots instead of all of them every third tick, which flattens the tick work p99. Within a phase,
 * connections are grouped by their view (Connection.view, default everything): each distinct view is collected,
 * diffed once, its features encoded once per codec (SnapshotFrames), and shared by every connection holding it;
 * only the header (`ackInputSeq`, `inputQueue`) is per connection. A connection that does not confirm what it
 * reads gets fewer snapshots (flow control, snapshot-flow.ts).
 */
export class SnapshotPublisher {
  /** Per phase: view key → that view's stream (its baselines). */
  private readonly phases = Array.from({ length: STEPS_PER_SNAPSHOT }, () => new Map<string, SnapshotStream>());

  /** The versioned channels that can say which of their entities changed (see ChannelEntry.changedSince). */
  private readonly changedSince: ReadonlyMap<string, ChangedSince>;

  constructor(
    private readonly channels: readonly CollectedChannel[],
    private readonly encoder: FeatureEncoder = BUILT_IN_FEATURE_ENCODER,
    private readonly flow: SnapshotFlowLimits = DEFAULT_SNAPSHOT_FLOW,
  ) {
    const changedSince = new Map<string, ChangedSince>();
    for (const channel of channels) if (channel.changedSince) changedSince.set(channel.name, channel.changedSince.bind(channel));
    this.changedSince = changedSince;
  }

  /** The phase with the fewest connections, for a new one. */
  leastBusyPhase(connections: Iterable<Connection>): number {
    const counts = new Array<number>(STEPS_PER_SNAPSHOT).fill(0);
    for (const connection of connections) counts[connection.snapshotPhase]!++;
    return counts.indexOf(Math.min(...counts));
  }

  publish(world: RoomWorld, connections: Iterable<Connection>, now: number): void {
    const phase = world.tick % STEPS_PER_SNAPSHOT;
    const byView = new Map<string, Connection[]>();
    for (const connection of connections) {
      if (connection.snapshotPhase !== phase) continue;
      const group = byView.get(connection.view.key);
      if (group) group.push(connection);
      else byView.set(connection.view.key, [connection]);
    }
    const streams = this.phases[phase]!;
    // A view nobody in this phase holds any more: its baseline would go stale, so it goes (a newcomer starts full).
    for (const key of streams.keys()) if (!byView.has(key)) streams.delete(key);
    if (byView.size === 0) return;
    const everything = new Map<string, ReadonlyMap<string, ChannelFields>>();
    const versions = new Map<string, number>();
    // Channel fields are flat primitives (define-feature.ts), which is what the diff needs.
    for (const channel of this.channels) {
      everything.set(channel.name, channel.collect() as ReadonlyMap<string, ChannelFields>);
      if (channel.version) versions.set(channel.name, channel.version());
    }
    for (const [key, group] of byView) {
      const view = group[0]!.view;
      const seen = new Map<string, ReadonlyMap<string, ChannelFields>>();
      for (const [name, entities] of everything) seen.set(name, view.select(name, entities));
      let stream = streams.get(key);
      if (!stream) streams.set(key, (stream = new SnapshotStream()));
      const frames = new SnapshotFrames(this.encoder, stream.next(seen, versions, this.changedSince), world.tick, now);
      for (const connection of group) {
        const mode = nextSnapshotMode(connection, now, this.flow);
        if (mode === undefined) continue;
        connection.needsFullSnapshot = false;
        const inputs = world.players.get(connection.playerId)?.inputs;
        connection.firstSnapshotAt ??= now;
        connection.sendFrame(frames.frame(mode, connection.attachment.codec, inputs?.lastAppliedSeq ?? 0, inputs?.size ?? 0));
        connection.reading.sent(world.tick, now, mode === SnapshotMode.full);
      }
    }
  }
}
