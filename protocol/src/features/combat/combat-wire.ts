import type { ChannelPatch } from "../define-feature.ts";
import type { CombatFields } from "./combat-types.ts";
import { ByteWriter, idNumber, isVarint, MAX_ENTITY_ID, unpackCompactPatch } from "../wire-bytes.ts";

/**
 * Compact binary form of the `combat` channel (msgpack connections only). A full channel of 64 players is ~10
 * bytes a player here against ~50 as msgpack maps; a delta is mostly one player's stamina or hp (4–6 bytes
 * against ~15).
 *
 *   p: one `bin` of records: u16 LE entity id · u8 field mask (bit0 hp, bit1 maxHp, bit2 alive present, bit3 alive
 *      value, bit4 stamina, bit5 kills, bit6 deaths, bit7 respawnAt) · then per field present, in that order:
 *      u16 LE hp · u16 LE maxHp · varint stamina in 1/256 units · varint kills · varint deaths · varint respawnAt (ms)
 *   r: removed entity ids (u16 each, msgpack array)
 *
 * A patch holding anything this form cannot carry exactly (a fractional hp, stamina off the 1/256 grid, a negative
 * count) travels as the plain patch instead, which `unpackCombat` passes through.
 */
export interface CompactCombatChannel {
  p?: Uint8Array;
  r?: number[];
}

const HP = 1;
const MAX_HP = 2;
const ALIVE = 4;
const ALIVE_TRUE = 8;
const STAMINA = 16;
const KILLS = 32;
const DEATHS = 64;
const RESPAWN_AT = 128;
const STAMINA_UNITS = 256;

const isU16 = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffff;

export function packCombat(patch: ChannelPatch<CombatFields>): CompactCombatChannel | ChannelPatch<CombatFields> {
  const out: CompactCombatChannel = {};
  if (patch.set) {
    const ids = Object.keys(patch.set);
    const writer = new ByteWriter(ids.length * 12);
    for (const id of ids) if (!writeRecord(writer, id, patch.set[id]!)) return patch;
    out.p = writer.done();
  }
  if (patch.remove && patch.remove.length > 0) {
    const ids: number[] = [];
    for (const id of patch.remove) {
      const n = idNumber(id, MAX_ENTITY_ID);
      if (n === undefined) return patch;
      ids.push(n);
    }
    out.r = ids;
  }
  return out;
}

/**
 * One entity's record (ChannelBinaryCodec.record): records stand alone, so `p` is any concatenation of them.
 * Undefined for fields the compact form cannot carry exactly (the patch then travels plain, as packCombat's does).
 */
export function combatRecord(id: string, fields: Partial<CombatFields>): Uint8Array | undefined {
  // Written by one scratch writer, then copied out at its length (no writer made per record).
  scratch.length = 0;
  return writeRecord(scratch, id, fields) ? scratch.done().slice() : undefined;
}

const scratch = new ByteWriter(32);

/** Writes entity `id`'s record; false when it cannot travel in the compact form. */
function writeRecord(writer: ByteWriter, id: string, fields: Partial<CombatFields>): boolean {
  const entity = idNumber(id, MAX_ENTITY_ID);
  if (entity === undefined) return false;
  writer.u16(entity);
  const maskAt = writer.length;
  writer.u8(0);
  let mask = 0;
  if (fields.hp !== undefined) {
    if (!isU16(fields.hp)) return false;
    mask |= HP;
    writer.u16(fields.hp);
  }
  if (fields.maxHp !== undefined) {
    if (!isU16(fields.maxHp)) return false;
    mask |= MAX_HP;
    writer.u16(fields.maxHp);
  }
  if (fields.alive !== undefined) {
    if (typeof fields.alive !== "boolean") return false;
    mask |= ALIVE | (fields.alive ? ALIVE_TRUE : 0);
  }
  if (fields.stamina !== undefined) {
    const units = fields.stamina * STAMINA_UNITS;
    if (!isVarint(units)) return false;
    mask |= STAMINA;
    writer.varint(units);
  }
  for (const [bit, value] of [[KILLS, fields.kills], [DEATHS, fields.deaths], [RESPAWN_AT, fields.respawnAt]] as const) {
    if (value === undefined) continue;
    if (!isVarint(value)) return false;
    mask |= bit;
    writer.varint(value);
  }
  writer.setU8(maskAt, mask);
  return true;
}

/** Expands the compact form (or passes a plain patch through). Throws on truncated or inconsistent bytes. */
export function unpackCombat(packed: unknown): ChannelPatch<CombatFields> {
  return unpackCompactPatch<CombatFields, CompactCombatChannel>(packed, "combat", (compact, records) => {
    const out: ChannelPatch<CombatFields> = {};
    if (records) {
      const set: Record<string, Partial<CombatFields>> = {};
      while (!records.done) {
        const id = records.u16();
        const mask = records.u8();
        if ((mask & ALIVE_TRUE) !== 0 && (mask & ALIVE) === 0) throw new RangeError("combat record has alive's value without alive");
        const fields: Partial<CombatFields> = {};
        if (mask & HP) fields.hp = records.u16();
        if (mask & MAX_HP) fields.maxHp = records.u16();
        if (mask & ALIVE) fields.alive = (mask & ALIVE_TRUE) !== 0;
        if (mask & STAMINA) fields.stamina = records.varint() / STAMINA_UNITS;
        if (mask & KILLS) fields.kills = records.varint();
        if (mask & DEATHS) fields.deaths = records.varint();
        if (mask & RESPAWN_AT) fields.respawnAt = records.varint();
        set[String(id)] = fields;
      }
      out.set = set;
    }
    if (compact.r !== undefined) {
      if (!Array.isArray(compact.r) || compact.r.some((id) => !isU16(id))) throw new TypeError("combat.r must be an array of u16 ids");
      out.remove = compact.r.map(String);
    }
    return out;
  });
}
