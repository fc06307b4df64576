/**
 * Random, readable room codes like `brave-otter-42`: easy to read aloud and type, 40 × 40 × 100 = 160,000
 * combinations — plenty for picking a fresh room (a clash only means joining a room someone else named alike).
 */
const ADJECTIVES = [
  "amber", "bold", "brave", "bright", "calm", "clever", "cosy", "crisp", "dusty", "eager", "fancy", "fuzzy", "gentle",
  "giant", "golden", "happy", "hidden", "icy", "jolly", "keen", "lucky", "mellow", "misty", "nimble", "odd", "plucky",
  "quick", "quiet", "rapid", "rusty", "shiny", "silent", "sunny", "swift", "tidy", "tiny", "vivid", "wild", "witty",
  "zesty",
];
const NOUNS = [
  "badger", "beacon", "birch", "canyon", "comet", "crane", "delta", "falcon", "fern", "fjord", "forge", "fox", "glade",
  "harbor", "heron", "island", "lantern", "lynx", "maple", "meadow", "moose", "nebula", "orchid", "otter", "owl",
  "panda", "pebble", "pine", "quarry", "raven", "reef", "river", "summit", "thistle", "tundra", "valley", "walrus",
  "willow", "yak", "zephyr",
];

export function randomRoomCode(random: (n: number) => number = cryptoRandomInt): string {
  return `${ADJECTIVES[random(ADJECTIVES.length)]}-${NOUNS[random(NOUNS.length)]}-${random(100)}`;
}

function cryptoRandomInt(n: number): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % n;
}
