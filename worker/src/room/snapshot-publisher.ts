import { encodeSnapshotFrame, joinEncodedFeatures, SnapshotMode, type Codec, type EncodedFeatures, type Frame, type SnapshotAssembler } from "@edgehold/protocol";
import type { ChannelFields } from "./channel-diff.ts";
import type { Connection } from "./connection.ts";
import type { RoomInterest } from "./interest/room-interest.ts";
import type { CollectedChannel } from "./room-features.ts";
import { STEPS_PER_SNAPSHOT } from "./room-config.ts";
import type { RoomWorld } from "./room-world.ts";
import { SnapshotStream, type ChangedSince, type ChannelEntities, type SnapshotFeatureSets } from "./snapshot-builder.ts";
import { viewChannels, type SnapshotView } from "./snapshot-view.ts";
import { DEFAULT_SNAPSHOT_FLOW, nextSnapshotMode, type SnapshotFlowLimits } from "./snapshot-flow.ts";
import { BUILT_IN_FEATURE_ENCODER, snapshotFrame, SnapshotFrames, type FeatureEncoder } from "./snapshot-frames.ts";

/**
 * Sends each connection its snapshot at 10 Hz: `full` when it (re)joined or asked, `delta` otherwise.
 *
 * Connections are spread over the 3 ticks of the snapshot period (phases): a tick encodes and sends a third of the
 * room's snapshots instead of all of them every third tick, which flattens the tick work p99. Within a phase,
 * connections are grouped by their view (Connection.view, default everything): each distinct view is collected,
 * diffed once, its features encoded once per codec (SnapshotFrames), and shared by every connection holding it;
 * only the header (`ackInputSeq`, `inputQueue`) is per connection. A connection that does not confirm what it
 * reads gets fewer snapshots (flow control, snapshot-flow.ts).
 *
 * In a room whose kind has an interest radius (`interest`), the phase's one diff is the room's delta, and each
 * connection's features are that delta filtered by its view (interest/room-interest.ts): no two connections share
 * them, so each entity's fields are encoded once per tick and every connection's features assembled from those bytes
 * (SnapshotAssembler); a room without a radius encodes each view's features once, as before.
 */
export class SnapshotPublisher {
  /** Per phase: view key → that view's stream (its baselines). */
  private readonly phases = Array.from({ length: STEPS_PER_SNAPSHOT }, () => new Map<string, SnapshotStream>());

  /** The versioned channels that can say which of their entities changed (see ChannelEntry.changedSince). */
  private readonly changedSince: ReadonlyMap<string, ChangedSince>;
  /** With an interest radius: each entity encoded once per snapshot tick, every connection's features assembled. */
  private readonly assembler?: SnapshotAssembler;

  constructor(
    private readonly channels: readonly CollectedChannel[],
    private readonly encoder: FeatureEncoder = BUILT_IN_FEATURE_ENCODER,
    private readonly flow: SnapshotFlowLimits = DEFAULT_SNAPSHOT_FLOW,
    private readonly interest?: RoomInterest,
  ) {
    const changedSince = new Map<string, ChangedSince>();
    for (const channel of channels) if (channel.changedSince) changedSince.set(channel.name, channel.changedSince.bind(channel));
    this.changedSince = changedSince;
    if (interest) this.assembler = encoder.createSnapshotAssembler();
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
    // A view nobody in this phase holds any more (nor builds on): its baseline would go stale, so it goes (a newcomer
    // starts full).
    const used = new Set(byView.keys());
    for (const group of byView.values()) {
      const { base, key } = group[0]!.view;
      if (base) used.add(base.key).add(scopedKey(key));
    }
    for (const key of streams.keys()) if (!used.has(key)) streams.delete(key);
    if (byView.size === 0) return;
    const everything = new Map<string, ReadonlyMap<string, ChannelFields>>();
    const versions = new Map<string, number>();
    // Channel fields are flat primitives (define-feature.ts), which is what the diff needs.
    for (const channel of this.channels) {
      everything.set(channel.name, channel.collect() as ReadonlyMap<string, ChannelFields>);
      if (channel.version) versions.set(channel.name, channel.version());
    }
    this.interest?.prepare(everything);
    this.assembler?.nextTick();
    const ticks = new Map<string, ViewTick>();
    const streamTick = (key: string, seen: ChannelEntities): ViewTick => {
      let stream = streams.get(key);
      if (!stream) streams.set(key, (stream = new SnapshotStream()));
      const sets = stream.next(seen, versions, this.changedSince);
      const frames = new SnapshotFrames(this.encoder, sets, world.tick, now);
      return { seen, sets, features: (mode, codec) => frames.features(mode, codec) };
    };
    // One diff and encoding per view this tick; a view built on another (a party's on everyone's) shares the base's
    // and adds its scoped channels' own.
    const tickOf = (view: SnapshotView): ViewTick => {
      let tick = ticks.get(view.key);
      if (tick) return tick;
      if (view.base) tick = joinTicks(tickOf(view.base), streamTick(scopedKey(view.key), viewChannels(view, this.channels, everything, "scoped")));
      else tick = streamTick(view.key, viewChannels(view, this.channels, everything, "all"));
      ticks.set(view.key, tick);
      return tick;
    };
    for (const group of byView.values()) {
      const tick = tickOf(group[0]!.view);
      for (const connection of group) {
        const mode = nextSnapshotMode(connection, now, this.flow);
        if (mode === undefined) continue;
        connection.needsFullSnapshot = false;
        const inputs = world.players.get(connection.playerId)?.inputs;
        const ackInputSeq = inputs?.lastAppliedSeq ?? 0;
        const inputQueue = inputs?.size ?? 0;
        connection.firstSnapshotAt ??= now;
        connection.sendFrame(
          this.interest && this.assembler
            ? // The view's channels, not the room's: the same maps, but for the scoped channels it leaves out or narrows.
              this.interestFrame(this.interest, this.assembler, connection, mode, { everything: tick.seen, sets: tick.sets, tick: world.tick, now, ackInputSeq, inputQueue })
            : snapshotFrame(mode, world.tick, now, ackInputSeq, inputQueue, tick.features(mode, connection.attachment.codec)),
        );
        connection.snapshotSent(world.tick, now, mode === SnapshotMode.full);
      }
    }
  }

  /**
   * One connection's snapshot in a room with an interest radius: its own features, assembled from the entities'
   * encodings of this tick (each encoded once, for the first connection that gets it).
   */
  private interestFrame(interest: RoomInterest, assembler: SnapshotAssembler, connection: Connection, mode: SnapshotMode, at: InterestFrameParts): Frame {
    const full = mode === SnapshotMode.full;
    const features = interest.features(connection, full, at.everything, at.sets.delta);
    return assembler.frame({ mode, tick: at.tick, serverTime: at.now, ackInputSeq: at.ackInputSeq, inputQueue: at.inputQueue }, features, connection.attachment.codec);
  }
}

interface InterestFrameParts {
  everything: ReadonlyMap<string, ReadonlyMap<string, ChannelFields>>;
  sets: SnapshotFeatureSets;
  tick: number;
  now: number;
  ackInputSeq: number;
  inputQueue: number;
}

/** One view's snapshot tick: what it sees, its diff, and its features encoded once per mode and codec. */
interface ViewTick {
  seen: ChannelEntities;
  sets: SnapshotFeatureSets;
  features(mode: SnapshotMode, codec: Codec): EncodedFeatures;
}

/** A view built on another (SnapshotView.base): the base's tick plus its own channels' (no channel in both). */
function joinTicks(base: ViewTick, own: ViewTick): ViewTick {
  const joined = new Map<string, EncodedFeatures>();
  let full: ReturnType<SnapshotFeatureSets["full"]> | undefined;
  return {
    seen: new Map([...base.seen, ...own.seen]),
    sets: {
      delta: { ...base.sets.delta, ...own.sets.delta },
      full: () => (full ??= { ...base.sets.full(), ...own.sets.full() }),
    },
    features(mode, codec) {
      const key = `${mode} ${codec}`;
      let features = joined.get(key);
      if (!features) joined.set(key, (features = joinEncodedFeatures(base.features(mode, codec), own.features(mode, codec))));
      return features;
    },
  };
}

/** The stream of a based view's own channels (its key is the view's, which groups its connections). */
function scopedKey(viewKey: string): string {
  return `${viewKey}/scoped`;
}
