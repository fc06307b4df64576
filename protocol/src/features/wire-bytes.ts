import type { ChannelPatch } from "./define-feature.ts";

/**
 * Byte helpers of the channels' compact binary forms (build, combat, projectile; movement's ids): LEB128 varints of
 * non-negative integers (arithmetic, not bit ops: those wrap at 2^31), canonical decimal ids, a growable
 * little-endian writer and a bounds-checked reader.
 */

/** Largest integer a varint here carries (2^53 − 1: every integer a double holds exactly). */
export const MAX_VARINT = Number.MAX_SAFE_INTEGER;

/** Entity ids travel as u16 in every channel that names an entity. */
export const MAX_ENTITY_ID = 0xffff;

export function isVarint(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_VARINT;
}

/**
 * The canonical decimal id `id` as a number ≤ max, or undefined. Only the canonical form: Number() also reads "",
 * " 3", "03", "1e3", "0x10" and "3.0", which would come back from the wire as a different id.
 */
export function idNumber(id: string, max: number): number | undefined {
  const n = Number(id);
  return Number.isInteger(n) && n >= 0 && n <= max && String(n) === id ? n : undefined;
}

/** Writes `value` (a non-negative integer ≤ MAX_VARINT) as LEB128 at `offset`; returns the offset after it. */
export function writeVarint(bytes: Uint8Array, offset: number, value: number): number {
  let rest = value;
  while (rest >= 0x80) {
    bytes[offset++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  bytes[offset++] = rest;
  return offset;
}

/** Reads a LEB128 varint of at most `maxBytes` bytes from `byte()` (which throws past the end). */
export function readVarint(byte: () => number, maxBytes: number, what: string): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes; i++) {
    const b = byte();
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return value;
    scale *= 0x80;
  }
  throw new RangeError(`${what} varint longer than ${maxBytes} bytes`);
}

/** Bytes of the longest varint of a value ≤ MAX_VARINT. */
const MAX_VARINT_BYTES = 8;

export class ByteWriter {
  private bytes: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
    this.view = new DataView(this.bytes.buffer);
  }

  u8(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  i16(value: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, value, true);
    this.length += 2;
  }

  u16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  i32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  varint(value: number): void {
    this.reserve(MAX_VARINT_BYTES);
    this.length = writeVarint(this.bytes, this.length, value);
  }

  /** Patches one byte already written (a record's field mask, known only after its fields). */
  setU8(at: number, value: number): void {
    this.bytes[at] = value;
  }

  done(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

export class ByteReader {
  private offset = 0;
  private readonly view: DataView;
  private readonly byte = () => this.u8();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  i16(): number {
    this.need(2);
    const value = this.view.getInt16(this.offset, true);
    this.offset += 2;
    return value;
  }

  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  i32(): number {
    this.need(4);
    const value = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return value;
  }

  varint(): number {
    return readVarint(this.byte, MAX_VARINT_BYTES, `${this.what}:`);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new RangeError(`${this.what}: record truncated`);
  }
}

/**
 * The unpack side every packer with a plain-patch fallback shares (combat, projectile): `packed` must be a map; a
 * plain patch (`set` / `remove`: what the packer sent when the compact form could not carry a patch exactly) is
 * passed through; otherwise `unpack` expands the compact map, given a reader over its `p` records (undefined
 * without `p`; a `p` that is not binary throws).
 */
export function unpackCompactPatch<Fields, Compact extends { p?: unknown }>(
  packed: unknown,
  channel: string,
  unpack: (compact: Compact, records: ByteReader | undefined) => ChannelPatch<Fields>,
): ChannelPatch<Fields> {
  if (typeof packed !== "object" || packed === null) throw new TypeError(`${channel} channel must be a map`);
  if ("set" in packed || "remove" in packed) return packed as ChannelPatch<Fields>;
  const compact = packed as Compact;
  if (compact.p === undefined) return unpack(compact, undefined);
  if (!(compact.p instanceof Uint8Array)) throw new TypeError(`${channel}.p must be binary`);
  return unpack(compact, new ByteReader(compact.p, channel));
}
