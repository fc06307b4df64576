import { EntryList, type ChannelPatch, type SnapshotFeatures } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";
import type { Connection } from "../connection.ts";
import type { ConnectionHub } from "../connection-hub.ts";
import type { CollectedChannel } from "../room-features.ts";
import type { RoomWorld } from "../room-world.ts";
import type { ChannelEntities } from "../snapshot-builder.ts";
import { CELL_METRES } from "./body-grid.ts";
import { Held, type ChannelTick, type ViewPatch } from "./channel-tick.ts";
import { chunkOf, filterByChunk } from "./chunk-filter.ts";
import { EVERYONE, FILTERED, filterEntities } from "./entity-filter.ts";
import { EntityView, viewRadius, type ViewRadius } from "./entity-view.ts";
import { EntryKeys } from "./entry-keys.ts";
import { filterByPosition, PositionIndex } from "./position-filter.ts";

/** What the room keeps of one connection: its view, and per filtered channel what it holds. */
class Viewer {
  readonly view = new EntityView();
  /** Per `position` channel: the ids the connection holds (entity channels need none: see entity-filter.ts). */
  private readonly ids = new Map<string, Held<string>>();
  /** Per `tile_chunk` channel: the chunks it holds. */
  private readonly chunks = new Map<string, Held<number>>();
  /**
   * Per `entity` channel: the list its patch's `set` is built in, refilled every snapshot (the patch is encoded before
   * this connection's next one is made).
   */
  private readonly lists = new Map<string, EntryList>();

  listOf(channel: string): EntryList {
    let list = this.lists.get(channel);
    if (!list) this.lists.set(channel, (list = new EntryList()));
    return list;
  }

  idsOf(channel: string): Held<string> {
    let held = this.ids.get(channel);
    if (!held) this.ids.set(channel, (held = new Held()));
    return held;
  }

  chunksOf(channel: string): Held<number> {
    let held = this.chunks.get(channel);
    if (!held) this.chunks.set(channel, (held = new Held()));
    return held;
  }
}

/**
 * Interest management of a room whose kind has a radius (ARCHITECTURE.md "Interest management"): each connection
 * gets, of every channel that declares an interest (ChannelInterest), what is near its player; what no channel
 * filters goes to everyone as it would without a radius. Events about an entity go to the connections that have it
 * in view (`viewersOf`).
 *
 * Cost per snapshot of one connection: its view (a grid query of the cells around its player, ~100 at R = 64 in
 * 16 m cells), and per filtered channel the entities of its view plus what entered or left — never the room. The
 * room's own work per tick is shared: the snapshot phase's one diff of every channel (SnapshotStream), the body
 * grid, and the indexes of structures (by chunk) and projectiles (by position).
 */
export class RoomInterest {
  private readonly radius: ViewRadius;
  private readonly viewers = new Map<Connection, Viewer>();
  /** Entity id → the connections that have it in view. */
  private readonly watchers = new Map<string, Set<Connection>>();
  private readonly keys = new Map<string, EntryKeys>();
  private readonly positions = new Map<string, PositionIndex>();

  constructor(
    private readonly world: RoomWorld,
    private readonly channels: readonly CollectedChannel[],
    radius: number,
    private readonly hub: Pick<ConnectionHub, "connections" | "byPlayer">,
  ) {
    this.radius = viewRadius(radius);
    const { minTile, maxTile } = world.kind.world;
    for (const { name, interest } of channels) {
      if (interest?.by === "entity" && interest.everyone) {
        const everyone = interest.everyone;
        this.keys.set(name, new EntryKeys((fields) => (everyone(fields) ? EVERYONE : FILTERED)));
      } else if (interest?.by === "tile_chunk") this.keys.set(name, new EntryKeys(chunkOf));
      else if (interest?.by === "position") this.positions.set(name, new PositionIndex(minTile, maxTile + 1 - minTile, CELL_METRES));
    }
  }

  /** Once per snapshot tick, before any connection's features: the shared indexes, and forgetting who went. */
  prepare(everything: ChannelEntities): void {
    for (const [connection, viewer] of this.viewers) {
      if (this.hub.connections.get(connection.socket) === connection) continue;
      viewer.view.clear((id) => this.unwatch(id, connection));
      this.viewers.delete(connection);
    }
    for (const channel of this.channels) {
      const current = everything.get(channel.name)!;
      this.keys.get(channel.name)?.update(channel, current, this.world.tick);
      this.positions.get(channel.name)?.update(current);
    }
  }

  /**
   * What `connection` gets this snapshot: its view recomputed, then every channel filtered by it. `delta`: the room's
   * delta of every channel since this connection's previous snapshot (its snapshot phase's shared diff). The patches'
   * sets (EntryLists, Maps) hold the room's fields objects, which SnapshotAssembler encodes once per tick for everyone;
   * an entity channel's list is this connection's, refilled by its next call (encode the features before then).
   */
  features(connection: Connection, full: boolean, everything: ChannelEntities, delta: SnapshotFeatures): Record<string, ViewPatch> {
    let viewer = this.viewers.get(connection);
    if (!viewer) this.viewers.set(connection, (viewer = new Viewer()));
    const grid = this.world.bodyGrid.current();
    const self = this.world.players.get(connection.playerId);
    viewer.view.update(
      grid,
      self,
      this.radius,
      (id) => this.watch(id, connection),
      (id) => this.unwatch(id, connection),
    );
    const centre = self && grid.position(self.entityId);
    const deltas = delta as Record<string, ChannelPatch<ChannelFields> | undefined>;
    const features: Record<string, ViewPatch> = {};
    for (const { name, interest } of this.channels) {
      // A channel this connection's view leaves out (a scoped one: another party's) is not in its snapshots at all.
      const current = everything.get(name);
      if (!current) continue;
      const tick: ChannelTick = { full, current, delta: deltas[name] };
      let patch: ViewPatch | undefined;
      if (!interest) patch = full ? { set: current } : tick.delta;
      else if (interest.by === "entity") {
        const keys = this.keys.get(name);
        const everyone = interest.everyone && keys ? { test: interest.everyone, keys } : undefined;
        patch = filterEntities(tick, viewer.view, viewer.listOf(name), everyone);
      } else if (interest.by === "position") patch = filterByPosition(tick, centre, this.radius, viewer.idsOf(name), this.positions.get(name)!);
      else patch = filterByChunk(tick, centre, this.radius, this.world.kind.world, viewer.chunksOf(name), this.keys.get(name)!);
      if (patch) features[name] = patch;
    }
    return features;
  }

  /**
   * The connections an event about `entityId` reaches: those that have it in view (as of their last snapshot), and
   * the players it and the entities `involved` are (a hit's shooter hears of it however far it flew). A lookup in
   * the index of who watches whom: it costs the viewers, not the room.
   */
  viewersOf(entityId: string, involved: readonly string[]): Set<Connection> {
    const to = new Set<Connection>(this.watchers.get(entityId));
    const grid = this.world.bodyGrid.current();
    for (const id of [entityId, ...involved]) {
      const body = grid.body(id);
      const own = body && "playerId" in body ? this.hub.byPlayer.get(body.playerId) : undefined;
      if (own) to.add(own);
    }
    return to;
  }

  private watch(id: string, connection: Connection): void {
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(connection);
  }

  private unwatch(id: string, connection: Connection): void {
    const set = this.watchers.get(id);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.watchers.delete(id);
  }
}
