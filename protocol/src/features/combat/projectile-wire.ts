import type { ChannelPatch } from "../define-feature.ts";
import { WIRE_UNITS_PER_METRE } from "../movement/movement-wire.ts";
import type { ProjectileFields } from "./combat-types.ts";
import { ByteReader, ByteWriter, idNumber, isVarint, MAX_ENTITY_ID, MAX_VARINT, unpackCompactPatch } from "../wire-bytes.ts";
import { fitsInt16, isWireUnits } from "../wire-units.ts";

/**
 * Compact binary form of the `projectile` channel (msgpack connections only). Every projectile in flight changes
 * x and y every snapshot, so a delta is mostly those two: 7 bytes a projectile here against ~28 as a msgpack map.
 *
 *   p: one `bin` of records in ascending id order:
 *      varint id delta (the first record's is the id itself) · u8 field mask (bit0 x, bit1 y, bit2 vx, bit3 vy,
 *      bit4 owner, bit5 seq, bit6 wide) · then per field present, in that order: int16 LE x, y, vx, vy in 1/256 m
 *      (m/s; int32 LE in a wide record) · u16 LE owner entity id · varint seq
 *   r: one `bin` of the removed ids, ascending, as varint deltas
 *
 * The sim keeps projectiles on the 1/256 grid, so nothing is rounded. A record is wide only when one of its values
 * does not fit an int16 (beyond ±128 m, in a world bigger than a 128 m room; wire-units.ts), so a room's records are
 * byte for byte as before. A patch holding anything this form cannot carry exactly (off the grid, beyond ±1,024 m, a
 * non-canonical id) travels as the plain patch instead: the room never fails a snapshot over it, and
 * `unpackProjectiles` passes a plain patch through.
 */
export interface CompactProjectileChannel {
  p?: Uint8Array;
  r?: Uint8Array;
}

const KINEMATICS = ["x", "y", "vx", "vy"] as const;
const OWNER = 1 << 4;
const SEQ = 1 << 5;
const WIDE = 1 << 6;
const ALL_FIELDS = 0b111_1111;
/** One record's kinematic values in wire units, by KINEMATICS index (reused: packing allocates nothing per record). */
const recordUnits = [0, 0, 0, 0];

export function packProjectiles(patch: ChannelPatch<ProjectileFields>): CompactProjectileChannel | ChannelPatch<ProjectileFields> {
  const out: CompactProjectileChannel = {};
  if (patch.set) {
    const entries: [number, Partial<ProjectileFields>][] = [];
    for (const id of Object.keys(patch.set)) {
      const n = idNumber(id, MAX_VARINT);
      if (n === undefined) return patch;
      entries.push([n, patch.set[id]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const writer = new ByteWriter(entries.length * 16);
    let previous = 0;
    for (const [id, fields] of entries) {
      writer.varint(id - previous);
      previous = id;
      const maskAt = writer.length;
      writer.u8(0);
      let mask = 0;
      for (let i = 0; i < KINEMATICS.length; i++) {
        const value = fields[KINEMATICS[i]!];
        if (value === undefined) continue;
        const units = (recordUnits[i] = value * WIRE_UNITS_PER_METRE);
        if (!isWireUnits(units)) return patch;
        mask |= 1 << i;
        if (!fitsInt16(units)) mask |= WIDE;
      }
      for (let i = 0; i < KINEMATICS.length; i++) {
        if ((mask & (1 << i)) === 0) continue;
        if (mask & WIDE) writer.i32(recordUnits[i]!);
        else writer.i16(recordUnits[i]!);
      }
      if (fields.owner !== undefined) {
        const owner = typeof fields.owner === "string" ? idNumber(fields.owner, MAX_ENTITY_ID) : undefined;
        if (owner === undefined) return patch;
        mask |= OWNER;
        writer.u16(owner);
      }
      if (fields.seq !== undefined) {
        if (!isVarint(fields.seq)) return patch;
        mask |= SEQ;
        writer.varint(fields.seq);
      }
      writer.setU8(maskAt, mask);
    }
    out.p = writer.done();
  }
  if (patch.remove && patch.remove.length > 0) {
    const ids: number[] = [];
    for (const id of patch.remove) {
      const n = idNumber(id, MAX_VARINT);
      if (n === undefined) return patch;
      ids.push(n);
    }
    out.r = packIdList(ids);
  }
  return out;
}

/** Expands the compact form (or passes a plain patch through). Throws on truncated or inconsistent bytes. */
export function unpackProjectiles(packed: unknown): ChannelPatch<ProjectileFields> {
  return unpackCompactPatch<ProjectileFields, CompactProjectileChannel>(packed, "projectile", (compact, records) => {
    const out: ChannelPatch<ProjectileFields> = {};
    if (records) {
      const set: Record<string, Partial<ProjectileFields>> = {};
      let id = 0;
      while (!records.done) {
        id += records.varint();
        if (id > MAX_VARINT) throw new RangeError("projectile id out of range");
        const mask = records.u8();
        if ((mask & ~ALL_FIELDS) !== 0) throw new RangeError(`projectile record has unknown field bits ${mask}`);
        const fields: Partial<ProjectileFields> = {};
        for (let i = 0; i < KINEMATICS.length; i++) {
          if ((mask & (1 << i)) === 0) continue;
          const units = mask & WIDE ? records.i32() : records.i16();
          if (!isWireUnits(units)) throw new RangeError(`projectile value ${units} out of wire range`);
          fields[KINEMATICS[i]!] = units / WIRE_UNITS_PER_METRE;
        }
        if (mask & OWNER) fields.owner = String(records.u16());
        if (mask & SEQ) fields.seq = records.varint();
        set[String(id)] = fields;
      }
      out.set = set;
    }
    if (compact.r !== undefined) {
      if (!(compact.r instanceof Uint8Array)) throw new TypeError("projectile.r must be binary");
      out.remove = unpackIdList(compact.r, "projectile.r").map(String);
    }
    return out;
  });
}

/** Ascending ids as varint deltas: a removed projectile costs a byte or two rather than a msgpack uint32's five. */
export function packIdList(ids: number[]): Uint8Array {
  ids.sort((a, b) => a - b);
  const writer = new ByteWriter(ids.length * 2);
  let previous = 0;
  for (const id of ids) {
    writer.varint(id - previous);
    previous = id;
  }
  return writer.done();
}

export function unpackIdList(bytes: Uint8Array, what: string): number[] {
  const reader = new ByteReader(bytes, what);
  const ids: number[] = [];
  let id = 0;
  while (!reader.done) {
    id += reader.varint();
    if (id > MAX_VARINT) throw new RangeError(`${what}: id out of range`);
    ids.push(id);
  }
  return ids;
}
