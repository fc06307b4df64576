import type { ChannelPatch, EntryList } from "@edgehold/protocol";
import type { ChannelFields } from "../channel-diff.ts";

/** A channel's entities now: id → flat fields. */
export type Entries = ReadonlyMap<string, ChannelFields>;

/**
 * A `set` being built: id → all its fields (an entity the client does not hold) or the ones that changed. A Map, not an
 * object: entity ids are integer-like, and an object keyed by them is slow to fill and ten times slower to read back
 * (every connection's snapshot is assembled by reading its sets, SnapshotAssembler).
 */
export type PatchSet = Map<string, Partial<ChannelFields>>;

/** One channel's patch for one connection as the filters make it: a ChannelPatch whose `set` may be a Map or lists. */
export interface ViewPatch {
  set?: ReadonlyMap<string, Partial<ChannelFields>> | EntryList | Record<string, Partial<ChannelFields>>;
  remove?: string[];
}

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
export function patchOf(set: PatchSet | EntryList, setCount: number, remove: readonly string[], full: boolean): ViewPatch | undefined {
  if (full) return { set };
  if (setCount === 0 && remove.length === 0) return undefined;
  const patch: ViewPatch = {};
  if (setCount > 0) patch.set = set;
  if (remove.length > 0) patch.remove = remove as string[];
  return patch;
}

/**
 * What a connection holds of one filtered channel: ids (or chunks), each stamped with the last snapshot that kept
 * it. A filter marks what it keeps this snapshot (`keep`), then `sweep` drops the rest: no set is built per snapshot.
 * A stamp is a number in the map (no object to chase): 2 × the snapshot's generation, + 1 when it entered then.
 */
export class Held<K> {
  private readonly stamps = new Map<K, number>();
  private generation = 0;
  /** Keys kept this snapshot: when it is every key held, a sweep has nothing to drop. */
  private keptCount = 0;

  has(key: K): boolean {
    return this.stamps.has(key);
  }

  /** How many keys are held. */
  get size(): number {
    return this.stamps.size;
  }

  /** Starts a snapshot's marking. */
  begin(): void {
    this.generation++;
    this.keptCount = 0;
  }

  /** Kept this snapshot; true when it was not held before (it enters). */
  keep(key: K): boolean {
    return this.keepIf(key, true) === ENTERED;
  }

  /**
   * Keeps `key` if it is held, or if `enter` (the view's rule in one lookup: in range to enter, or held and within
   * the leave range). Returns what happened: ENTERED, KEPT, or OUTSIDE (not held and not entering).
   */
  keepIf(key: K, enter: boolean): number {
    const stamp = this.stamps.get(key);
    const kept = 2 * this.generation;
    if (stamp !== undefined) {
      if (stamp < kept) {
        this.stamps.set(key, kept);
        this.keptCount++;
      }
      return KEPT;
    }
    if (!enter) return OUTSIDE;
    this.stamps.set(key, kept + 1);
    this.keptCount++;
    return ENTERED;
  }

  /** Kept this snapshot and held before it (it did not enter now). */
  stayed(key: K): boolean {
    return this.stamps.get(key) === 2 * this.generation;
  }

  /** Drops everything not kept this snapshot, calling `dropped` for each. */
  sweep(dropped: (key: K) => void): void {
    if (this.keptCount === this.stamps.size) return;
    const kept = 2 * this.generation;
    for (const [key, stamp] of this.stamps) {
      if (stamp >= kept) continue;
      this.stamps.delete(key);
      dropped(key);
    }
  }

  keys(): IterableIterator<K> {
    return this.stamps.keys();
  }
}

/** What Held.keepIf did. */
export const OUTSIDE = 0;
export const KEPT = 1;
export const ENTERED = 2;
