import type { ChannelPatch } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";

/** A channel's entities now: id → flat fields. */
export type Entries = ReadonlyMap<string, ChannelFields>;

/** A `set` being built: id → all its fields (an entity the client does not hold) or the ones that changed. */
export type PatchSet = Record<string, Partial<ChannelFields>>;

/**
 * One channel on one snapshot tick, as a filter reads it: its entities now, and the room's delta of it since this
 * connection's previous snapshot (the snapshot phase's shared diff: every entity's changed fields, computed once).
 * A connection holds, of every entity it keeps, exactly what that diff started from, so its own patch is the room's
 * delta at the entities it keeps, all fields of those that entered, and the ids of those that left.
 */
export interface ChannelTick {
  /** A `full` snapshot: every entity the connection gets, with all its fields, and nothing removed. */
  readonly full: boolean;
  readonly current: Entries;
  readonly delta: ChannelPatch<ChannelFields> | undefined;
}

/** The patch of what a filter found; undefined when a delta has nothing to say (a full one always says its set). */
export function patchOf(set: PatchSet, remove: readonly string[], full: boolean): ChannelPatch<ChannelFields> | undefined {
  if (full) return { set };
  const hasSet = Object.keys(set).length > 0;
  if (!hasSet && remove.length === 0) return undefined;
  const patch: ChannelPatch<ChannelFields> = {};
  if (hasSet) patch.set = set;
  if (remove.length > 0) patch.remove = [...remove];
  return patch;
}

/** Makes `known` hold exactly `next` (the ids a connection holds after this snapshot). */
export function replaceKnown<T>(known: Set<T>, next: ReadonlySet<T>): void {
  known.clear();
  for (const id of next) known.add(id);
}
