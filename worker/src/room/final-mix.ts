/**
 * murmur3's finaliser: every bit of the u32 result depends on every bit of `h`. FNV-1a alone does not spread a change
 * in a string's last byte into its high bits, so two hashes of keys that differ only there are nearly equal.
 */
export function finalMix(h: number): number {
  h >>>= 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
