/**
 * The few msgpack headers a snapshot's assembly writes itself (maps and string keys, snapshot-assembly.ts), around
 * bytes msgpackr encoded. Big-endian lengths, the smallest form that holds each, as the msgpack spec defines them.
 */
/** Copies of at most this many bytes are made by a loop (see `raw`). */
const SHORT_COPY = 32;

export class MsgpackWriter {
  private bytes = new Uint8Array(4096);
  private length = 0;
  private readonly encoder = new TextEncoder();

  reset(): this {
    this.length = 0;
    return this;
  }

  mapHeader(size: number): void {
    if (size < 16) this.u8(0x80 | size);
    else if (size < 0x10000) this.header(0xde, size, 2);
    else this.header(0xdf, size, 4);
  }

  binHeader(size: number): void {
    if (size < 0x100) this.header(0xc4, size, 1);
    else if (size < 0x10000) this.header(0xc5, size, 2);
    else this.header(0xc6, size, 4);
  }

  str(value: string): void {
    const ascii = value.length < 32 && isAscii(value);
    const utf8 = ascii ? undefined : this.encoder.encode(value);
    const size = utf8 ? utf8.length : value.length;
    if (size < 32) this.u8(0xa0 | size);
    else if (size < 0x100) this.header(0xd9, size, 1);
    else if (size < 0x10000) this.header(0xda, size, 2);
    else this.header(0xdb, size, 4);
    if (utf8) {
      this.raw(utf8);
      return;
    }
    this.reserve(size);
    for (let i = 0; i < size; i++) this.bytes[this.length++] = value.charCodeAt(i);
  }

  raw(bytes: Uint8Array): void {
    const size = bytes.length;
    this.reserve(size);
    // A record is a few bytes: a loop beats TypedArray.set's call overhead there.
    if (size <= SHORT_COPY) {
      const target = this.bytes;
      for (let i = 0; i < size; i++) target[this.length + i] = bytes[i]!;
    } else this.bytes.set(bytes, this.length);
    this.length += size;
  }

  /** A copy of what was written (the writer's buffer is reused). */
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private u8(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** A type byte and a big-endian length of `width` bytes. */
  private header(type: number, size: number, width: number): void {
    this.reserve(1 + width);
    this.bytes[this.length++] = type;
    for (let shift = 8 * (width - 1); shift >= 0; shift -= 8) this.bytes[this.length++] = Math.floor(size / 2 ** shift) & 0xff;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}
