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
   * The part of a scoped channel (ChannelEntry `scoped`: a party's) this view sees; absent: none of it (the channel is
   * left out of its snapshots). A scoped channel reaches only the views that ask for it, whatever the interest radius.
   */
  selectScoped?(channel: string, entities: ReadonlyMap<string, ChannelFields>): ReadonlyMap<string, ChannelFields>;
  /**
   * A view that sees exactly what `base` sees plus its scoped channels (a party's view: everything, and the party):
   * the publisher shares the base's diff and encoding with it and adds only its own channels' (SnapshotPublisher).
   */
  readonly base?: SnapshotView;
}

/** What `view` sees of the room's channels: `all` of them (scoped ones through `selectScoped` only), or its `scoped` ones. */
export function viewChannels(
  view: SnapshotView,
  channels: readonly { readonly name: string; readonly scoped?: boolean }[],
  everything: ReadonlyMap<string, ReadonlyMap<string, ChannelFields>>,
  part: "all" | "scoped",
): Map<string, ReadonlyMap<string, ChannelFields>> {
  const seen = new Map<string, ReadonlyMap<string, ChannelFields>>();
  for (const { name, scoped } of channels) {
    const entities = everything.get(name)!;
    if (scoped && view.selectScoped) seen.set(name, view.selectScoped(name, entities));
    else if (!scoped && part === "all") seen.set(name, view.select(name, entities));
  }
  return seen;
}

/** Today's view for everyone: the whole room. */
export const EVERYTHING: SnapshotView = Object.freeze({ key: "everything", select: (_channel: string, entities: ReadonlyMap<string, ChannelFields>) => entities });
