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
  /** The map's ids in order, and their fields (the map's values, in the same order). */
  private order: string[] = [];
  private orderFields: F[] = [];
  private ids: string[] = [];
  private fields: F[] = [];
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

  /**
   * The fields entity `id` holds (to compare with its values now), if it was there at the last collect. Read by
   * position while the order holds (the usual case: no lookup), else from the map.
   */
  previous(id: string): F | undefined {
    const at = this.ids.length;
    return this.order[at] === id ? this.orderFields[at] : this.map.get(id);
  }

  /** Entity `id`, next in order, holds `fields`: `previous(id)` when unchanged, else a new object. */
  put(id: string, fields: F): void {
    const at = this.ids.length;
    if (this.order[at] !== id) this.reordered = true;
    else if (this.orderFields[at] !== fields) this.changed++;
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
      this.versionNow++;
    } else if (this.changed > 0) {
      const before = this.orderFields;
      for (let i = 0; i < ids.length; i++) if (before[i] !== fields[i]) this.map.set(ids[i]!, fields[i]!);
      this.versionNow++;
    } else return this.map;
    // This collect's arrays become the order; the old ones are the next collect's (no copy).
    [this.order, this.ids] = [ids, this.order];
    [this.orderFields, this.fields] = [fields, this.orderFields];
    return this.map;
  }
}
