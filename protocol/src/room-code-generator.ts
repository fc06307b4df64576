/**
 * Random, readable room codes like `brave-otter-k7m-2qvx`. A room code is the room's only key (anyone with the
 * code can join), so it must not be guessable: two words to make it easy to read aloud and tell apart, then seven
 * characters from an alphabet without look-alikes (no 0/o, 1/l/i) for the randomness. 40 × 40 × 31⁷ ≈ 2⁴⁵ codes,
 * over the 2⁴⁰ floor: enumerating rooms by guessing codes is out of reach.
 */
export const ADJECTIVES = [
  "amber", "bold", "brave", "bright", "calm", "clever", "cosy", "crisp", "dusty", "eager", "fancy", "fuzzy", "gentle",
  "giant", "golden", "happy", "hidden", "icy", "jolly", "keen", "lucky", "mellow", "misty", "nimble", "odd", "plucky",
  "quick", "quiet", "rapid", "rusty", "shiny", "silent", "sunny", "swift", "tidy", "tiny", "vivid", "wild", "witty",
  "zesty",
];
export const NOUNS = [
  "badger", "beacon", "birch", "canyon", "comet", "crane", "delta", "falcon", "fern", "fjord", "forge", "fox", "glade",
  "harbor", "heron", "island", "lantern", "lynx", "maple", "meadow", "moose", "nebula", "orchid", "otter", "owl",
  "panda", "pebble", "pine", "quarry", "raven", "reef", "river", "summit", "thistle", "tundra", "valley", "walrus",
  "willow", "yak", "zephyr",
];
/** Lower-case letters and digits minus the ones misread for each other (0/o, 1/l/i): 31 symbols. */
export const SUFFIX_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
/** Split 3 + 4 so the random part reads in two short groups. */
export const SUFFIX_GROUPS = [3, 4] as const;

/** A uniform integer in [0, n): draws from `randomUint32` (crypto by default), rejecting the biased top range. */
export function uniformInt(n: number, randomUint32: () => number = cryptoUint32): number {
  // The largest multiple of n that fits in 2³²; draws at or above it would favour small values under `% n`.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const draw = randomUint32();
    if (draw < limit) return draw % n;
  }
}

export function randomRoomCode(randomUint32: () => number = cryptoUint32): string {
  const pick = <T>(items: ArrayLike<T>): T => items[uniformInt(items.length, randomUint32)]!;
  const groups = SUFFIX_GROUPS.map((length) => Array.from({ length }, () => pick(SUFFIX_ALPHABET)).join(""));
  return [pick(ADJECTIVES), pick(NOUNS), ...groups].join("-");
}

function cryptoUint32(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
