import type { ChannelFields } from "./channel-diff.ts";

/**
 * What one connection sees of the world. Connections whose views have the same `key` see exactly the same
 * entities, so they share one diff and one encoding per snapshot tick (see SnapshotPublisher). A zone would be a view
 * whose key names the zone and whose `select` keeps that zone's entities. An interest radius (each connection sees
 * what is near its own player, so no two share a view) is not one: see interest/room-interest.ts.
 */
export interface SnapshotView {
  readonly key: string;
  /** The part of `channel`'s entities this view sees. */
  select(channel: string, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields>;
}

/** Today's view for everyone: the whole room. */
export const EVERYTHING: SnapshotView = Object.freeze({ key: "everything", select: (_channel: string, entities: ReadonlyMap<string, ChannelFields>) => entities });
