// 32-bit FNV-1a over a little-endian byte stream: the hash behind stateHash() (mirrored in
// sim-core/assembly/hash.ts) and the scenario's rolling hash.

/** FNV-1a 32-bit offset basis: the hash of no bytes. */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const f64Scratch = new DataView(new ArrayBuffer(8));

export function fnvByte(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
}

/** Folds the 4 bytes of a u32, least significant first. */
export function fnvU32(hash: number, value: number): number {
  hash = fnvByte(hash, value & 0xff);
  hash = fnvByte(hash, (value >>> 8) & 0xff);
  hash = fnvByte(hash, (value >>> 16) & 0xff);
  return fnvByte(hash, value >>> 24);
}

/** Folds the 8 bytes of an f64's IEEE-754 bit pattern, least significant first. */
export function fnvF64(hash: number, value: number): number {
  f64Scratch.setFloat64(0, value, true);
  hash = fnvU32(hash, f64Scratch.getUint32(0, true));
  return fnvU32(hash, f64Scratch.getUint32(4, true));
}
