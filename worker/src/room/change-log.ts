/**
 * The ids of a channel's entities that changed, one per version step: lets a snapshot stream that last diffed the
 * channel at version v diff only the entities changed since (see ChannelEntry.changedSince), instead of all of
 * them. Keeps the last `capacity` changes; a stream further behind gets undefined and diffs the whole channel.
 */
export class ChangeLog {
  private ids: string[] = [];
  /** The version before `ids[0]`. */
  private base = 0;

  /**
   * 4096: each phase's stream diffs every 3rd tick, so it is never more than a few ticks behind; even 64 players
   * shooting down walls change far fewer entities than this in that time.
   */
  constructor(private readonly capacity = 4096) {}

  /** One change per version: the version after it is the number of changes recorded. */
  get version(): number {
    return this.base + this.ids.length;
  }

  record(id: string): void {
    this.ids.push(id);
    // Trimmed in batches, so recording stays O(1) amortised.
    if (this.ids.length >= 2 * this.capacity) {
      const drop = this.ids.length - this.capacity;
      this.ids = this.ids.slice(drop);
      this.base += drop;
    }
  }

  /** The ids changed after `version` (repeats possible), or undefined when the log no longer reaches back that far. */
  since(version: number): readonly string[] | undefined {
    if (version < this.base || version > this.version) return undefined;
    return this.ids.slice(version - this.base);
  }
}
