// 32-bit FNV-1a, the hash of the sim: sim.wasm's stateHash() is FNV-1a over the world's bytes (assembly/hash.ts, the
// wasm's copy: AssemblyScript cannot import this file). The TypeScript hosts' one implementation, for what is not the
// sim's state: the determinism scenario's rolling hash, and stable numbers from strings (a player's spawn point,
// default name and colour). sim-core/test/fnv.test.ts checks that it hashes a world's bytes exactly as the wasm does.

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

/**
 * FNV-1a over a string's UTF-16 code units, one step each (for ASCII, the standard FNV-1a of its bytes): a stable
 * 32-bit number from a player id or a name, the same in every host and every release.
 */
export function fnvString(text: string, hash = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) hash = fnvByte(hash, text.charCodeAt(i));
  return hash;
}
