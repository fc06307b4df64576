// 32-bit FNV-1a over a little-endian byte stream: the wasm's copy of sim-core/src/fnv.ts (AssemblyScript cannot import
// that file); sim-core/test/fnv.test.ts checks the two hash a world's bytes alike.

/** FNV-1a 32-bit offset basis: the hash of no bytes. */
export const FNV_OFFSET: u32 = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
const FNV_PRIME: u32 = 0x01000193;

export function fnvByte(hash: u32, byte: u32): u32 {
  return (hash ^ byte) * FNV_PRIME;
}

/** Folds the 4 bytes of a u32, least significant first. */
export function fnvU32(hash: u32, value: u32): u32 {
  hash = fnvByte(hash, value & 0xff);
  hash = fnvByte(hash, (value >>> 8) & 0xff);
  hash = fnvByte(hash, (value >>> 16) & 0xff);
  return fnvByte(hash, value >>> 24);
}

/** Folds the 8 bytes of an f64's IEEE-754 bit pattern, least significant first. */
export function fnvF64(hash: u32, value: f64): u32 {
  const bits = reinterpret<u64>(value);
  hash = fnvU32(hash, <u32>bits);
  return fnvU32(hash, <u32>(bits >>> 32));
}

/** Folds a position and a velocity (x, y, vx, vy), each as fnvF64: how a body and a projectile both hash their motion. */
export function fnvMotion(hash: u32, x: f64, y: f64, vx: f64, vy: f64): u32 {
  hash = fnvF64(hash, x);
  hash = fnvF64(hash, y);
  hash = fnvF64(hash, vx);
  return fnvF64(hash, vy);
}
