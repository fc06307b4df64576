/**
 * Byte helpers of the combat channels' binary forms: a growable little-endian writer and a bounds-checked reader,
 * with LEB128 varints of non-negative integers up to 2^53 (arithmetic, not bit ops: those wrap at 2^31).
 */
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

  varint(value: number): void {
    this.reserve(8);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
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

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 0x80;
    }
    throw new RangeError(`${this.what}: varint longer than 8 bytes`);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new RangeError(`${this.what}: record truncated`);
  }
}

/** Largest integer a varint here carries (2^53 − 1: every integer a double holds exactly). */
export const MAX_VARINT = Number.MAX_SAFE_INTEGER;

export function isVarint(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_VARINT;
}

/** The canonical decimal id `id` as a number ≤ max, or undefined (Number() also reads "", "03", "1e3", "0x10"). */
export function idNumber(id: string, max: number): number | undefined {
  const n = Number(id);
  return Number.isInteger(n) && n >= 0 && n <= max && String(n) === id ? n : undefined;
}
