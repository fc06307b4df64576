import type { ChannelPatch } from "../define-feature.ts";
import { idNumber, readVarint, writeVarint } from "../wire-bytes.ts";
import { BUILD_TILE_MAX, BUILD_TILE_MIN, MAX_STRUCTURE_HP, STRUCTURE_KINDS, type StructureFields, type StructureKind } from "./build-types.ts";

/**
 * Compact binary form of the `build` snapshot channel (msgpack connections only). A full snapshot of a built-up
 * room carries up to 10,000 structures, so each costs about 8 bytes instead of ~50 as a msgpack map:
 *
 *   p: one msgpack `bin` of records, in ascending id order:
 *      varint id delta (LEB128; the first record's is the id itself) · u8 field mask
 *      (bit0 tx, bit1 ty, bit2 kind, bit3 owner, bit4 hp, bit5 wide) · then per field present, in that order:
 *      i8 tx · i8 ty (int16 LE each with `wide`) · u8 kind (index in STRUCTURE_KINDS) · varint owner (index in `o`) ·
 *      u16 LE hp
 *   o: the owner table of this patch (each distinct playerId once, in first-use order)
 *   r: removed structure ids
 *
 * Tiles of a 128 m room (-64..63) fit an int8. `wide` is set only on a record whose tx or ty does not (a bigger
 * world's, up to BUILD_TILE_MIN..BUILD_TILE_MAX), so a room's records are byte for byte what they always were.
 */
export interface CompactBuildChannel {
  p?: Uint8Array;
  o?: string[];
  r?: number[];
}

const TX = 1;
const TY = 2;
const KIND = 4;
const OWNER = 8;
const HP = 16;
/** tx and ty travel as int16: set only when one of them does not fit an int8. */
const WIDE = 32;
const ALL_FIELDS = TX | TY | KIND | OWNER | HP | WIDE;
/** The longest record: a 5-byte varint id delta, the mask, wide tx and ty, kind, a 3-byte owner index (see below), hp. */
const MAX_RECORD_BYTES = 5 + 1 + 2 + 2 + 1 + 3 + 2;
const INT8_MIN = -128;
const INT8_MAX = 127;
/** Owners per patch: a room holds at most this many distinct players' structures in one snapshot (3-byte varint). */
const MAX_OWNERS = 1 << 21;
const MAX_ID = 0xffffffff;
/** A u32 id delta or owner index is at most 5 LEB128 bytes; a longer varint is corrupt. */
const MAX_VARINT_BYTES = 5;

export function packBuild(patch: ChannelPatch<StructureFields>): CompactBuildChannel {
  const out: CompactBuildChannel = {};
  if (patch.set) {
    const entries = Object.keys(patch.set).map((id) => [toStructureNumber(id), patch.set![id]!] as const);
    entries.sort((a, b) => a[0] - b[0]);
    const bytes = new Uint8Array(entries.length * MAX_RECORD_BYTES);
    const owners: string[] = [];
    const ownerIndex = new Map<string, number>();
    let offset = 0;
    let previousId = 0;
    for (const [id, fields] of entries) {
      offset = writeVarint(bytes, offset, id - previousId);
      previousId = id;
      const maskAt = offset++;
      let mask = 0;
      const wide = !fitsInt8(fields.tx) || !fitsInt8(fields.ty);
      if (wide) mask |= WIDE;
      if (fields.tx !== undefined) {
        mask |= TX;
        offset = writeTile(bytes, offset, fields.tx, wide);
      }
      if (fields.ty !== undefined) {
        mask |= TY;
        offset = writeTile(bytes, offset, fields.ty, wide);
      }
      if (fields.kind !== undefined) {
        mask |= KIND;
        bytes[offset++] = toKindByte(fields.kind);
      }
      if (fields.owner !== undefined) {
        mask |= OWNER;
        let index = ownerIndex.get(fields.owner);
        if (index === undefined) {
          if (typeof fields.owner !== "string") throw new TypeError("structure owner must be a string");
          index = owners.push(fields.owner) - 1;
          if (index >= MAX_OWNERS) throw new RangeError("too many structure owners in one patch");
          ownerIndex.set(fields.owner, index);
        }
        offset = writeVarint(bytes, offset, index);
      }
      if (fields.hp !== undefined) {
        mask |= HP;
        const hp = fields.hp;
        if (!(Number.isInteger(hp) && hp >= 0 && hp <= MAX_STRUCTURE_HP)) throw new RangeError(`structure hp ${hp} is not a u16`);
        bytes[offset++] = hp & 0xff;
        bytes[offset++] = hp >>> 8;
      }
      bytes[maskAt] = mask;
    }
    out.p = bytes.subarray(0, offset);
    if (owners.length > 0) out.o = owners;
  }
  if (patch.remove && patch.remove.length > 0) out.r = patch.remove.map(toStructureNumber);
  return out;
}

/** Expands the compact form back to the logical channel patch. Throws on truncated or inconsistent bytes. */
export function unpackBuild(compact: CompactBuildChannel): ChannelPatch<StructureFields> {
  if (typeof compact !== "object" || compact === null) throw new TypeError("build channel must be a map");
  const out: ChannelPatch<StructureFields> = {};
  if (compact.p !== undefined) {
    if (!(compact.p instanceof Uint8Array)) throw new TypeError("build.p must be binary");
    const owners = compact.o ?? [];
    if (!Array.isArray(owners) || owners.some((o) => typeof o !== "string")) throw new TypeError("build.o must be an array of strings");
    const bytes = compact.p;
    const set: Record<string, Partial<StructureFields>> = {};
    const cursor = { offset: 0 };
    let id = 0;
    const byte = () => {
      if (cursor.offset >= bytes.length) throw new RangeError("build record truncated");
      return bytes[cursor.offset++]!;
    };
    while (cursor.offset < bytes.length) {
      id += readVarint(byte, MAX_VARINT_BYTES, "build");
      if (id > MAX_ID) throw new RangeError("build structure id out of range");
      const mask = byte();
      if ((mask & ~ALL_FIELDS) !== 0) throw new RangeError(`build record has unknown field bits ${mask}`);
      const fields: Partial<StructureFields> = {};
      const tile = mask & WIDE ? () => readWideTile(byte) : () => (byte() << 24) >> 24;
      if (mask & TX) fields.tx = tile();
      if (mask & TY) fields.ty = tile();
      if (mask & KIND) {
        const kind = STRUCTURE_KINDS[byte()];
        if (kind === undefined) throw new RangeError("build record has an unknown kind");
        fields.kind = kind;
      }
      if (mask & OWNER) {
        const owner = owners[readVarint(byte, MAX_VARINT_BYTES, "build")];
        if (owner === undefined) throw new RangeError("build record names an owner outside the table");
        fields.owner = owner;
      }
      if (mask & HP) fields.hp = byte() | (byte() << 8);
      set[String(id)] = fields;
    }
    out.set = set;
  }
  if (compact.r !== undefined) {
    if (!Array.isArray(compact.r)) throw new TypeError("build.r must be an array");
    out.remove = compact.r.map((id) => {
      if (!(Number.isInteger(id) && id >= 0 && id <= MAX_ID)) throw new RangeError("build.r holds a bad id");
      return String(id);
    });
  }
  return out;
}

function toStructureNumber(id: string): number {
  const n = idNumber(id, MAX_ID);
  if (n === undefined) throw new RangeError(`structure id ${id} is not a u32`);
  return n;
}

/** True for an absent coordinate or one that travels as an int8 (anything else makes the record wide). */
function fitsInt8(value: number | undefined): boolean {
  return value === undefined || (Number.isInteger(value) && value >= INT8_MIN && value <= INT8_MAX);
}

/** An int16 LE tile coordinate of a wide record; a RangeError outside the channel's bounds. */
function readWideTile(byte: () => number): number {
  const value = ((byte() | (byte() << 8)) << 16) >> 16;
  if (value < BUILD_TILE_MIN || value > BUILD_TILE_MAX) throw new RangeError(`build record tile ${value} out of range`);
  return value;
}

/** Writes a tile coordinate as an int8, or an int16 LE in a wide record; a RangeError outside the channel's bounds. */
function writeTile(bytes: Uint8Array, offset: number, value: number, wide: boolean): number {
  if (!(Number.isInteger(value) && value >= BUILD_TILE_MIN && value <= BUILD_TILE_MAX)) throw new RangeError(`tile ${value} out of range`);
  bytes[offset++] = value & 0xff;
  if (wide) bytes[offset++] = (value >> 8) & 0xff;
  return offset;
}

function toKindByte(kind: StructureKind): number {
  const index = STRUCTURE_KINDS.indexOf(kind);
  if (index < 0) throw new RangeError(`unknown structure kind ${String(kind)}`);
  return index;
}
