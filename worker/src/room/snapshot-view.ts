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
  /**
   * The part of a scoped channel (ChannelEntry `scoped`: a party's) this view sees; absent: none of it. A scoped
   * channel reaches only the views that ask for it, whatever the room's interest radius.
   */
  selectScoped?(channel: string, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields>;
}

const NOTHING: ReadonlyMap<string, ChannelFields> = new Map();

/** What `view` sees of a channel: its `select`, or for a scoped channel its `selectScoped` (nothing without one). */
export function seenBy(view: SnapshotView, channel: { name: string; scoped?: boolean }, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields> {
  if (!channel.scoped) return view.select(channel.name, entities);
  return view.selectScoped?.(channel.name, entities) ?? NOTHING;
}

/** Today's view for everyone: the whole room. */
export const EVERYTHING: SnapshotView = Object.freeze({ key: "everything", select: (_channel: string, entities: ReadonlyMap<string, ChannelFields>) => entities });
