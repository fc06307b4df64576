import { WIRE_UNITS_PER_METRE } from "@edgehold/sim-core/units";
import type { ChannelPatch } from "../define-feature.ts";
import { idNumber, MAX_ENTITY_ID } from "../wire-bytes.ts";
import { fitsInt16, isWireUnits } from "../wire-units.ts";
import type { MovementFields } from "./movement-types.ts";
import { isTeleportCounter } from "./teleport-counter.ts";

/**
 * Compact binary form of the `movement` snapshot channel (msgpack connections only).
 *
 * Positions and velocities in the simulation always lie on a grid of 1/256 m (and m/s), so they travel as int16
 * counts of that unit without loss: a client restoring a snapshot gets the server's exact state. Each entity in
 * `set` becomes one record in a single msgpack `bin`:
 *
 *   u16 entity id (LE) · u8 field mask (bit0 x, bit1 y, bit2 vx, bit3 vy, bit4 teleport, bit5 wide) · int16 LE per
 *   kinematic field present (int32 LE in a wide record) · u8 teleport if present
 *
 * so a moving entity costs at most 11 bytes, and a delta that only changes x and y costs 7. `teleport` (a body's
 * count of server-side moves, teleport-counter.ts) came later: a record without it is byte for byte what it was
 * before, and it adds one byte only where it is sent (a full record of a body the room has moved, the delta in
 * which the counter changed). `wide` (wire-units.ts) came later too: set only on a record one of whose values does
 * not fit an int16 (a position beyond ±128 m, in a world bigger than a 128 m room), it carries values up to
 * ±1,024 m exactly. Mask bits 6–7 are unused: a record that sets one is refused rather than read out of step with
 * its fields.
 * Removes travel as a msgpack array of u16 ids.
 */
// The grid's unit is defined once, by the simulation that keeps its state on it (sim-core's leaf `units` module).
export { WIRE_UNITS_PER_METRE };
const FIELD_ORDER = ["x", "y", "vx", "vy"] as const;
const TELEPORT_BIT = 1 << FIELD_ORDER.length;
const WIDE_BIT = TELEPORT_BIT << 1;
const KNOWN_BITS = (WIDE_BIT << 1) - 1;
const MAX_RECORD_BYTES = 3 + 4 * FIELD_ORDER.length + 1;

export interface CompactMovementChannel {
  /** Packed entity records. */
  p?: Uint8Array;
  /** Removed entity ids. */
  r?: number[];
}

export function packMovement(patch: ChannelPatch<MovementFields>): CompactMovementChannel {
  const out: CompactMovementChannel = {};
  if (patch.set) {
    const ids = Object.keys(patch.set);
    const bytes = new Uint8Array(ids.length * MAX_RECORD_BYTES);
    const view = new DataView(bytes.buffer);
    let offset = 0;
    for (const id of ids) offset = writeRecord(bytes, view, offset, id, patch.set[id]!);
    out.p = bytes.subarray(0, offset);
  }
  if (patch.remove && patch.remove.length > 0) out.r = patch.remove.map(toEntityNumber);
  return out;
}

/** One entity's record (ChannelBinaryCodec.record): records stand alone, so `p` is any concatenation of them. */
export function movementRecord(id: string, fields: Partial<MovementFields>): Uint8Array {
  // Written into one scratch record, then copied out at its length (no buffer or view made per record).
  return scratch.slice(0, writeRecord(scratch, scratchView, 0, id, fields));
}

const scratch = new Uint8Array(MAX_RECORD_BYTES);
const scratchView = new DataView(scratch.buffer);

/** Writes entity `id`'s record at `offset`; returns the offset after it. */
function writeRecord(bytes: Uint8Array, view: DataView, start: number, id: string, fields: Partial<MovementFields>): number {
  view.setUint16(start, toEntityNumber(id), true);
  const maskAt = start + 2;
  let offset = start + 3;
  let mask = 0;
  let wide = false;
  for (let i = 0; i < FIELD_ORDER.length; i++) {
    const value = fields[FIELD_ORDER[i]!];
    if (value === undefined) continue;
    mask |= 1 << i;
    const units = (recordUnits[i] = toWireUnits(value));
    if (!fitsInt16(units)) wide = true;
  }
  if (wide) mask |= WIDE_BIT;
  for (let i = 0; i < FIELD_ORDER.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    if (wide) view.setInt32(offset, recordUnits[i]!, true);
    else view.setInt16(offset, recordUnits[i]!, true);
    offset += wide ? 4 : 2;
  }
  if (fields.teleport !== undefined) {
    if (!isTeleportCounter(fields.teleport)) throw new RangeError(`movement teleport ${fields.teleport} is not a counter 0..255`);
    mask |= TELEPORT_BIT;
    bytes[offset++] = fields.teleport;
  }
  bytes[maskAt] = mask;
  return offset;
}

/** Expands the compact form back to the logical channel patch. Throws on truncated or inconsistent bytes. */
export function unpackMovement(compact: CompactMovementChannel): ChannelPatch<MovementFields> {
  const out: ChannelPatch<MovementFields> = {};
  if (compact.p !== undefined) {
    if (!(compact.p instanceof Uint8Array)) throw new TypeError("movement.p must be binary");
    const bytes = compact.p;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const set: Record<string, Partial<MovementFields>> = {};
    let offset = 0;
    while (offset < bytes.length) {
      if (offset + 3 > bytes.length) throw new RangeError("movement record truncated");
      const id = view.getUint16(offset, true);
      const mask = bytes[offset + 2]!;
      if ((mask & ~KNOWN_BITS) !== 0) throw new RangeError(`movement record has unknown field bits ${mask.toString(2)}`);
      offset += 3;
      const fields: Partial<MovementFields> = {};
      const width = mask & WIDE_BIT ? 4 : 2;
      for (let i = 0; i < FIELD_ORDER.length; i++) {
        if ((mask & (1 << i)) === 0) continue;
        if (offset + width > bytes.length) throw new RangeError("movement record truncated");
        const units = width === 4 ? view.getInt32(offset, true) : view.getInt16(offset, true);
        if (!isWireUnits(units)) throw new RangeError(`movement value ${units} out of wire range`);
        fields[FIELD_ORDER[i]!] = units / WIRE_UNITS_PER_METRE;
        offset += width;
      }
      if (mask & TELEPORT_BIT) {
        if (offset + 1 > bytes.length) throw new RangeError("movement record truncated");
        fields.teleport = bytes[offset++]!;
      }
      set[String(id)] = fields;
    }
    out.set = set;
  }
  if (compact.r !== undefined) {
    if (!Array.isArray(compact.r)) throw new TypeError("movement.r must be an array");
    out.remove = compact.r.map((id) => String(id));
  }
  return out;
}

function toEntityNumber(id: string): number {
  const n = idNumber(id, MAX_ENTITY_ID);
  if (n === undefined) throw new RangeError(`entity id ${id} is not a u16`);
  return n;
}

/** One record's kinematic values in wire units, by FIELD_ORDER index (reused: packing allocates nothing per record). */
const recordUnits = [0, 0, 0, 0];

function toWireUnits(metres: number): number {
  const units = Math.round(metres * WIRE_UNITS_PER_METRE);
  // isWireUnits fails NaN too (DataView would store it as 0).
  if (!isWireUnits(units)) throw new RangeError(`movement value ${metres} out of wire range`);
  return units;
}
