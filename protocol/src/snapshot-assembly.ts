import { encodeMsgpack, encodeSnapshotFrame, snapshotFrameHead, type EncodedFeatures, type Frame, type SnapshotHeader } from "./codec.ts";
import type { Codec } from "./constants.ts";
import type { ChannelBinaryCodec } from "./features/define-feature.ts";
import { binaryChannelCodecs, type ChannelCodecs } from "./features/derive.ts";
import { FEATURES } from "./features/registry.ts";
import { MsgpackWriter } from "./msgpack-writer.ts";

const BUILT_IN_CHANNEL_CODECS = binaryChannelCodecs(FEATURES);

/**
 * A `set` as two parallel lists, ids and their fields, each id once: what a room's interest filters build for every
 * connection, kept by the connection and refilled each snapshot (no Map made and grown per connection and channel).
 */
export class EntryList {
  readonly ids: string[] = [];
  readonly values: unknown[] = [];

  get size(): number {
    return this.ids.length;
  }

  clear(): this {
    this.ids.length = 0;
    this.values.length = 0;
    return this;
  }

  push(id: string, value: unknown): void {
    this.ids.push(id);
    this.values.push(value);
  }
}

/**
 * A channel's patch as the assembler takes it: a ChannelPatch whose `set` may also be a Map or an EntryList (what a
 * room's interest filters build: reading either back is far cheaper than an object keyed by integer-like ids).
 */
export interface AssemblyPatch {
  set?: ReadonlyMap<string, unknown> | EntryList | Record<string, unknown>;
  remove?: unknown;
}
type Patch = AssemblyPatch;

/**
 * Snapshot features for many connections that each get a different part of the room (a room with an interest
 * radius: every view differs, so no two connections share one encoding of their features). Each entity's fields are
 * encoded once per snapshot tick, however many connections get them: a connection's features are then assembled
 * from those bytes (its channels' `set` entries spliced in), not encoded from objects.
 *
 * Encodings are found by the fields object they were made from: on one snapshot tick every connection's patches
 * share the room's objects (an entity that stayed in view gets the room's delta object of it, one that entered the
 * entity's current fields), so a second connection with the same entity costs a lookup. `nextTick` forgets them (a
 * later tick's objects may be new, or reused with other values).
 *
 * The result decodes to exactly what `encodeSnapshotFeatures` of the same features decodes to, for both codecs:
 * - msgpack: channels with standalone binary records (ChannelBinaryCodec.record: movement, combat) are their
 *   entities' records concatenated, as `pack` would make them; other binary channels go through `pack` (build,
 *   projectile: their records are delta-coded by id); plain channels are msgpack maps whose `set` values are each
 *   entity's encoded fields.
 * - JSON: the same text JSON.stringify makes, each entity's fields stringified once.
 */
export class SnapshotAssembler {
  /**
   * Per binary channel: entity id → its records of this tick, found by the fields object they were made from. Keyed
   * by id: the same ids come back tick after tick, so an entry is updated in place rather than the cache emptied and
   * refilled every tick.
   */
  private readonly records = new Map<string, Map<string, CachedRecord>>();
  /** Ticks counted by `nextTick`: a record cached on an earlier one is stale. */
  private tick = 0;
  private readonly msgpackValues = new Map<object, Uint8Array>();
  private readonly jsonValues = new Map<object, string>();
  private readonly writer = new MsgpackWriter();
  /** One channel's records, gathered before its `p` header (which holds their length). */
  private readonly pending: Uint8Array[] = [];

  constructor(private readonly channels: ChannelCodecs = BUILT_IN_CHANNEL_CODECS) {}

  /** A new snapshot tick: the last one's encodings are forgotten. */
  nextTick(): void {
    this.tick++;
    // Entities that went would stay cached forever: start afresh now and then (a tick re-encodes what it sends).
    for (const cache of this.records.values()) if (this.tick % FORGET_RECORDS_EVERY === 0) cache.clear();
    this.msgpackValues.clear();
    this.jsonValues.clear();
  }

  encode(features: object, codec: Codec): EncodedFeatures {
    if (codec === "json") return { codec, text: this.json(features as Record<string, unknown>) };
    this.writer.reset();
    return { codec, bytes: this.msgpack(features as Record<string, unknown>) };
  }

  /**
   * The snapshot frame of `header` and these features: what `encodeSnapshotFrame(header, this.encode(features,
   * codec))` makes, byte for byte, with the features written straight after the header (one copy of the frame, not
   * two: a connection's frame is a few hundred bytes, and each new one is an allocation outside the heap).
   */
  frame(header: SnapshotHeader, features: object, codec: Codec): Frame {
    if (codec === "json") return encodeSnapshotFrame(header, this.encode(features, codec));
    this.writer.reset().raw(snapshotFrameHead(header));
    return this.msgpack(features as Record<string, unknown>);
  }

  // -- JSON ------------------------------------------------------------------------------------------------------

  private json(features: Record<string, unknown>): string {
    let text = "{";
    for (const name of Object.keys(features)) {
      const patch = features[name];
      if (patch === undefined) continue;
      text += `${text.length > 1 ? "," : ""}${JSON.stringify(name)}:${isPatch(patch) ? this.jsonPatch(patch) : JSON.stringify(patch)}`;
    }
    return `${text}}`;
  }

  private jsonPatch(patch: Patch): string {
    let text = "{";
    for (const key of Object.keys(patch) as (keyof Patch)[]) {
      const value = patch[key];
      if (value === undefined) continue;
      text += `${text.length > 1 ? "," : ""}${JSON.stringify(key)}:`;
      if (key !== "set") {
        text += JSON.stringify(value);
        continue;
      }
      let entries = "";
      const { ids, values } = asList(value as NonNullable<Patch["set"]>);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const fields = values[i];
        if (fields === undefined) continue;
        entries += `${entries.length > 0 ? "," : ""}${JSON.stringify(id)}:${this.jsonValue(fields)}`;
      }
      text += `{${entries}}`;
    }
    return `${text}}`;
  }

  private jsonValue(fields: unknown): string {
    if (typeof fields !== "object" || fields === null) return JSON.stringify(fields);
    let text = this.jsonValues.get(fields);
    if (text === undefined) this.jsonValues.set(fields, (text = JSON.stringify(fields)));
    return text;
  }

  // -- msgpack ---------------------------------------------------------------------------------------------------

  /** The features as msgpack, after what the writer holds (reset by the caller). */
  private msgpack(features: Record<string, unknown>): Uint8Array {
    const { writer } = this;
    const names = Object.keys(features);
    writer.mapHeader(names.length);
    for (const name of names) {
      const patch = features[name];
      writer.str(name);
      const binary = this.channels.get(name);
      if (binary && typeof patch === "object" && patch !== null) this.binaryPatch(name, binary, patch as Patch);
      else if (isPatch(patch)) this.msgpackPatch(patch);
      else writer.raw(encodeMsgpack(patch));
    }
    return writer.done();
  }

  /** A plain channel's patch as a msgpack map, its `set` entries spliced from each entity's encoded fields. */
  private msgpackPatch(patch: Patch): void {
    const { writer } = this;
    const keys = Object.keys(patch) as (keyof Patch)[];
    writer.mapHeader(keys.length);
    for (const key of keys) {
      const value = patch[key];
      writer.str(key);
      if (key !== "set" || typeof value !== "object" || value === null) {
        writer.raw(encodeMsgpack(value));
        continue;
      }
      const { ids, values } = asList(value as NonNullable<Patch["set"]>);
      writer.mapHeader(ids.length);
      for (let i = 0; i < ids.length; i++) {
        writer.str(ids[i]!);
        writer.raw(this.msgpackValue(values[i]));
      }
    }
  }

  private msgpackValue(fields: unknown): Uint8Array {
    if (typeof fields !== "object" || fields === null) return encodeMsgpack(fields);
    let bytes = this.msgpackValues.get(fields);
    if (bytes === undefined) this.msgpackValues.set(fields, (bytes = encodeMsgpack(fields)));
    return bytes;
  }

  /**
   * A binary channel's packed patch: from its entities' records where it has them (written straight into the frame:
   * `{ p: the records, ...pack({ remove }) }`, see ChannelBinaryCodec.record), else `pack`'s.
   */
  private binaryPatch(name: string, codec: ChannelBinaryCodec<object>, patch: Patch): void {
    const { writer, pending } = this;
    if (!codec.record) return this.whole(codec, patch);
    let records = this.records.get(name);
    if (!records) this.records.set(name, (records = new Map()));
    pending.length = 0;
    let length = 0;
    const set = patch.set && asList(patch.set);
    if (set) {
      const { ids, values } = set;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const fields = values[i] as object;
        let cached = records.get(id);
        if (!cached) records.set(id, (cached = { tick: -1, fields: undefined, bytes: undefined, otherFields: undefined, otherBytes: undefined }));
        let record: Uint8Array | undefined;
        if (cached.tick !== this.tick) {
          cached.tick = this.tick;
          cached.fields = fields;
          cached.otherFields = undefined;
          record = cached.bytes = codec.record(id, fields);
        } else if (cached.fields === fields) record = cached.bytes;
        else if (cached.otherFields === fields) record = cached.otherBytes;
        else {
          // A second object of one entity this tick (its delta for most viewers, all its fields for one it entered).
          cached.otherFields = fields;
          record = cached.otherBytes = codec.record(id, fields);
        }
        if (record === undefined) return this.whole(codec, patch);
        pending.push(record);
        length += record.length;
      }
    }
    const rest = patch.remove ? (codec.pack({ remove: patch.remove } as never) as Record<string, unknown>) : {};
    // The compact form could not carry the removed ids: the whole patch travels as `pack` makes it (plain).
    if ("set" in rest || "remove" in rest) return this.whole(codec, patch);
    const restKeys = Object.keys(rest);
    writer.mapHeader((set ? 1 : 0) + restKeys.length);
    if (set) {
      writer.str("p");
      writer.binHeader(length);
      for (const record of pending) writer.raw(record);
    }
    for (const key of restKeys) {
      writer.str(key);
      writer.raw(encodeMsgpack(rest[key]));
    }
  }

  /** A binary channel's patch as its `pack` makes it. */
  private whole(codec: ChannelBinaryCodec<object>, patch: Patch): void {
    this.writer.raw(encodeMsgpack(codec.pack(plainPatch(patch) as never)));
  }
}

/**
 * How often (in snapshot ticks) the per-entity record cache is emptied: often enough that ids of entities long gone do
 * not pile up, rarely enough that refilling it (one entry per entity) costs nothing measurable.
 */
const FORGET_RECORDS_EVERY = 300;

/** One entity's records on one tick: for at most two fields objects (see binaryPatch). */
interface CachedRecord {
  tick: number;
  fields: object | undefined;
  bytes: Uint8Array | undefined;
  otherFields: object | undefined;
  otherBytes: Uint8Array | undefined;
}

/** A `set` as lists (a Map's or an object's are copied: only a channel's delta passed through whole is either). */
function asList(set: NonNullable<Patch["set"]>): EntryList {
  if (set instanceof EntryList) return set;
  const list = new EntryList();
  for (const [id, value] of set instanceof Map ? set : Object.entries(set)) list.push(id, value);
  return list;
}

/** The patch with its `set` an object (what `pack` and JSON.stringify take). */
export function plainPatch(patch: AssemblyPatch): AssemblyPatch {
  if (patch.set instanceof EntryList) {
    const { ids, values } = patch.set;
    return { ...patch, set: Object.fromEntries(ids.map((id, i) => [id, values[i]])) };
  }
  return patch.set instanceof Map ? { ...patch, set: Object.fromEntries(patch.set) } : patch;
}

function isPatch(value: unknown): value is Patch {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
