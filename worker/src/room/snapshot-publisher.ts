import { SnapshotMode } from "@edgehold/protocol";
import type { ChannelFields } from "./channel-diff.ts";
import type { Connection } from "./connection.ts";
import type { CollectedChannel } from "./room-features.ts";
import { STEPS_PER_SNAPSHOT } from "./room-config.ts";
import type { RoomWorld } from "./room-world.ts";
import { SnapshotStream, snapshotMessage, type ChangedSince } from "./snapshot-builder.ts";

/**
 * Sends each connection its snapshot at 10 Hz: `full` when it (re)joined or asked, `delta` otherwise.
 *
 * Connections are spread over the 3 ticks of the snapshot period (phases): a tick encodes and sends a third of the
 * room's snapshots instead of all of them every third tick, which flattens the tick work p99. Within a phase,
 * connections are grouped by their view (Connection.view, default everything): each distinct view is collected,
 * diffed and packed once, and its patches are shared by every connection holding it; only the envelope (its
 * `ackInputSeq`) is per connection.
 */
export class SnapshotPublisher {
  /** Per phase: view key → that view's stream (its baselines). */
  private readonly phases = Array.from({ length: STEPS_PER_SNAPSHOT }, () => new Map<string, SnapshotStream>());

  /** The versioned channels that can say which of their entities changed (see ChannelEntry.changedSince). */
  private readonly changedSince: ReadonlyMap<string, ChangedSince>;

  constructor(private readonly channels: readonly CollectedChannel[]) {
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
      const sets = stream.next(seen, versions, this.changedSince);
      for (const connection of group) {
        const full = connection.needsFullSnapshot;
        connection.needsFullSnapshot = false;
        const inputs = world.players.get(connection.playerId)?.inputs;
        const mode = full ? SnapshotMode.full : SnapshotMode.delta;
        connection.firstSnapshotAt ??= now;
        connection.send(snapshotMessage(mode, full ? sets.full() : sets.delta, world.tick, now, inputs?.lastAppliedSeq ?? 0, inputs?.size ?? 0));
      }
    }
  }
}
