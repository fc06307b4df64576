/**
 * A channel's entities kept from one collect to the next, for a channel with a `version` (ChannelEntry): each collect
 * `put`s every entity in the channel's order, with the fields object it held (`previous`) when none of its values
 * changed, or a new one. An entity's object is replaced only when it changed, and the version moves only when one did
 * or entities came, went or moved in order. So an idle entity costs a comparison of its values and nothing after it:
 * no object, no diff (a snapshot stream skips a channel whose version stood still, and diffChannel an entity whose
 * object is the one it last sent), no encoding.
 *
 * The map is the same object from collect to collect while only values change (the changed entries replaced in place),
 * and a new one, in the order of the `put`s, when the entities themselves changed: exactly what collecting a new map
 * every time gives, entry for entry and in order.
 */
export class StableEntities<F extends object> {
  private map = new Map<string, F>();
  /** The map's ids in order. */
  private order: string[] = [];
  private readonly ids: string[] = [];
  private readonly fields: F[] = [];
  private changed = 0;
  private reordered = false;
  private versionNow = 0;

  get version(): number {
    return this.versionNow;
  }

  /** Starts a collect. */
  begin(): void {
    this.ids.length = 0;
    this.fields.length = 0;
    this.changed = 0;
    this.reordered = false;
  }

  /** The fields entity `id` holds (to compare with its values now), if it was there at the last collect. */
  previous(id: string): F | undefined {
    return this.map.get(id);
  }

  /** Entity `id`, next in order, holds `fields`: `previous(id)` when unchanged, else a new object. */
  put(id: string, fields: F): void {
    if (this.order[this.ids.length] !== id) this.reordered = true;
    if (this.map.get(id) !== fields) this.changed++;
    this.ids.push(id);
    this.fields.push(fields);
  }

  /** Ends a collect: the channel's entities now. */
  end(): ReadonlyMap<string, F> {
    const { ids, fields } = this;
    if (this.reordered || ids.length !== this.order.length) {
      const map = new Map<string, F>();
      for (let i = 0; i < ids.length; i++) map.set(ids[i]!, fields[i]!);
      this.map = map;
      this.order = ids.slice();
      this.versionNow++;
    } else if (this.changed > 0) {
      for (let i = 0; i < ids.length; i++) if (this.map.get(ids[i]!) !== fields[i]) this.map.set(ids[i]!, fields[i]!);
      this.versionNow++;
    }
    return this.map;
  }
}
