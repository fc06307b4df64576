import type { ChannelFields } from "../channel-diff.ts";
import type { CollectedChannel } from "../room-features.ts";
import { STEPS_PER_SNAPSHOT } from "../room-config.ts";
import type { Entries } from "./channel-tick.ts";

/**
 * A key of each entry of one channel, kept up to date once per tick for every connection to read: the chunk a
 * structure stands in (`tile_chunk`), whether a presence entry is everyone's (`entity` with `everyone`). It also
 * remembers, for a snapshot period, the key an entry had before it was removed or re-keyed: a connection's delta
 * lists removals of the last STEPS_PER_SNAPSHOT ticks, and whether it held one depends on where it was.
 *
 * A versioned channel that says what changed (`changedSince`) costs the changed entries; otherwise a new version (or
 * an unversioned channel, every tick) re-reads every entry.
 */
export class EntryKeys {
  private readonly keys = new Map<string, number>();
  private readonly members = new Map<number, Set<string>>();
  /** Removed or re-keyed entries: their key before, and the tick that was noticed. */
  private readonly before = new Map<string, { key: number; tick: number }>();
  private readEntries: Entries | undefined;
  private readVersion: number | undefined;

  constructor(private readonly keyOf: (fields: ChannelFields) => number) {}

  /** Brings the keys up to `current`, the channel's entities at `tick`. */
  update(channel: CollectedChannel, current: Entries, tick: number): void {
    for (const [id, { tick: noticed }] of this.before) if (tick - noticed >= STEPS_PER_SNAPSHOT) this.before.delete(id);
    const version = channel.version?.();
    const sameMap = current === this.readEntries && version !== undefined;
    if (sameMap && version === this.readVersion) return;
    const changed = sameMap && this.readVersion !== undefined ? channel.changedSince?.(this.readVersion) : undefined;
    if (changed) for (const id of changed) this.apply(id, current, tick);
    else {
      for (const id of current.keys()) this.apply(id, current, tick);
      for (const id of [...this.keys.keys()]) if (!current.has(id)) this.apply(id, current, tick);
    }
    this.readEntries = current;
    this.readVersion = version;
  }

  /** The entry's key now, or the one it had before it was removed in the last snapshot period. */
  key(id: string): number | undefined {
    return this.keys.get(id) ?? this.before.get(id)?.key;
  }

  /** Whether the entry had another key (or none) within the last snapshot period. */
  rekeyed(id: string): boolean {
    return this.before.has(id);
  }

  /** The entries with this key now. */
  ids(key: number): ReadonlySet<string> {
    return this.members.get(key) ?? EMPTY;
  }

  /** Whether some entry has this key now. */
  occupied(key: number): boolean {
    return this.members.has(key);
  }

  /** How many keys some entry has now. */
  get occupiedCount(): number {
    return this.members.size;
  }

  /** The keys some entry has now. */
  occupiedKeys(): IterableIterator<number> {
    return this.members.keys();
  }

  private apply(id: string, current: Entries, tick: number): void {
    const fields = current.get(id);
    const was = this.keys.get(id);
    const key = fields ? this.keyOf(fields) : undefined;
    if (was === key) return;
    if (was !== undefined) {
      this.before.set(id, { key: was, tick });
      const set = this.members.get(was)!;
      set.delete(id);
      if (set.size === 0) this.members.delete(was);
    }
    if (key === undefined) {
      this.keys.delete(id);
      return;
    }
    this.keys.set(id, key);
    let set = this.members.get(key);
    if (!set) this.members.set(key, (set = new Set()));
    set.add(id);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
