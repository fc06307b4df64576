// How much interest management costs a crowded room, measured in Node (npx tsx worker/bench/interest-cost.ts [players]
// [msgpack|json]): 1,000 players walking over a 512 m world (the plaza), R = 64 m, every connection's snapshot at 10 Hz
// — a third of them per 30 Hz tick, as the room phases them. Measures the room's shared diff (SnapshotStream), the body
// grid, every connection's view and its filtered channels (movement, combat, presence), and, apart, encoding each
// connection's features two ways: from objects (encodeSnapshotFeatures, what rooms did before issue 19 §3) and
// assembled from each entity's fields encoded once per tick (SnapshotAssembler, what a room with a radius does now);
// every assembled snapshot is checked to decode to what the objects' encoding does. Not sockets. The sim is a
// stand-in (positions in plain arrays): the 512 m simulation itself is sim-core's.
import { decodeServerMessage, encodeSnapshotFeatures, EntryList, encodeSnapshotFrame, plainPatch, SnapshotAssembler, type AssemblyPatch, type Codec, type Frame } from "@edgehold/protocol";
import type { Connection } from "../src/room/connection.ts";
import { RoomInterest } from "../src/room/interest/room-interest.ts";
import type { CollectedChannel } from "../src/room/room-features.ts";
import type { RoomWorld } from "../src/room/room-world.ts";
import { BodyGrid } from "../src/room/interest/body-grid.ts";
import { SnapshotStream } from "../src/room/snapshot-builder.ts";

const argv = (globalThis as { process?: { argv: string[] } }).process?.argv ?? [];
const PLAYERS = Number(argv[2] ?? 1000);
const CODEC: Codec = argv[3] === "json" ? "json" : "msgpack";
/** `objects`: encodeSnapshotFeatures per connection (before issue 19 §3); `assembled` (default): SnapshotAssembler. */
const ENCODING = argv[4] === "objects" ? "objects" : "assembled";
const HALF = 256;
const TICKS = 300;

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const x = new Float64Array(PLAYERS);
const y = new Float64Array(PLAYERS);
const vx = new Float64Array(PLAYERS);
const vy = new Float64Array(PLAYERS);
const players = new Map<string, { playerId: string; entityId: string; slot: number; teleport: number }>();
for (let i = 0; i < PLAYERS; i++) {
  x[i] = (random() * 2 - 1) * HALF;
  y[i] = (random() * 2 - 1) * HALF;
  players.set(`p${i}`, { playerId: `p${i}`, entityId: String(i + 1), slot: i, teleport: 0 });
}
const world = {
  tick: 0,
  rosterVersion: 1,
  movesVersion: 0,
  players,
  creatures: new Map(),
  kind: { world: { minTile: -HALF, maxTile: HALF - 1 } },
  sim: { bodies: { view: () => ({ x, y, vx, vy }) } },
} as unknown as RoomWorld & { tick: number };
(world as { bodyGrid: BodyGrid }).bodyGrid = new BodyGrid(world, world.kind.world);

const presence = new Map([...players.values()].map((p) => [p.entityId, { kind: "player", playerId: p.playerId, name: p.playerId }]));
const channels: CollectedChannel[] = [
  { name: "movement", interest: { by: "entity" }, collect: () => new Map([...players.values()].map((p) => [p.entityId, { x: x[p.slot]!, y: y[p.slot]!, vx: vx[p.slot]!, vy: vy[p.slot]! }])) },
  { name: "combat", interest: { by: "entity" }, collect: () => new Map([...players.values()].map((p) => [p.entityId, { hp: 100, maxHp: 100, alive: true, kills: 0, deaths: 0, stamina: 100 }])) },
  { name: "presence", interest: { by: "entity", everyone: (f) => f.kind === "player" }, version: () => 1, collect: () => presence },
];
const connections = new Map<WebSocket, Connection>();
const byPlayer = new Map<string, Connection>();
for (const p of players.values()) {
  const connection = { socket: {} as WebSocket, playerId: p.playerId } as Connection;
  connections.set(connection.socket, connection);
  byPlayer.set(p.playerId, connection);
}
const interest = new RoomInterest(world, channels, 64, { connections, byPlayer });
const streams = [new SnapshotStream(), new SnapshotStream(), new SnapshotStream()];
const all = [...connections.values()];

const assembler = new SnapshotAssembler();
/** A tick (after warm-up) whose connections' features are kept to time their encoding apart. */
const SAMPLED_TICK = 150;
const sampled: Record<string, AssemblyPatch>[] = [];
/** Features with every `set` an object (what encodeSnapshotFeatures takes). */
const plain = (features: Record<string, AssemblyPatch>) => Object.fromEntries(Object.entries(features).map(([name, patch]) => [name, plainPatch(patch)]));
let sharedMs = 0;
let viewersMs = 0;
let setEntries = 0;
let encodeMs = 0;
let bytes = 0;
let worstTickMs = 0;
const tickMs: number[] = [];
/** The last tick's channels and delta, to run its connections' views and encoding again (see `lastTickBest`). */
let last: { everything: Map<string, ReadonlyMap<string, Record<string, string | number | boolean>>>; delta: object } | undefined;
/**
 * Each connection's own times (after warm-up): their medians hardly move when the machine is busy (a preempted
 * connection is one slow sample among ~50,000), where sums per tick do.
 */
const connectionViewUs: number[] = [];
const connectionEncodeUs: number[] = [];
/** A patch whose `set` is its own (an EntryList copied). */
const copyPatch = (patch: AssemblyPatch): AssemblyPatch => {
  if (!(patch.set instanceof EntryList)) return patch;
  const list = new EntryList();
  patch.set.ids.forEach((id, i) => list.push(id, (patch.set as EntryList).values[i]));
  return { ...patch, set: list };
};
/** A value's JSON with every object's keys sorted: equal for values that decode the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
/** Every snapshot's header (a connection's own part of its frame). */
const HEADER = { mode: "delta", tick: 0, serverTime: 0, ackInputSeq: 0, inputQueue: 0 } as const;
const size = (frame: Frame) => (typeof frame === "string" ? frame.length : frame.byteLength);
for (let tick = 0; tick < TICKS; tick++) {
  // Everyone walks at 6 m/s, turning now and then.
  for (let i = 0; i < PLAYERS; i++) {
    if (random() < 0.02 || (vx[i] === 0 && vy[i] === 0)) {
      const angle = random() * 2 * Math.PI;
      vx[i] = 6 * Math.cos(angle);
      vy[i] = 6 * Math.sin(angle);
    }
    // On the sim's 1/256 m grid, as every position on the wire is.
    x[i] = Math.round(Math.max(-HALF, Math.min(HALF - 1, x[i]! + vx[i]! / 30)) * 256) / 256;
    y[i] = Math.round(Math.max(-HALF, Math.min(HALF - 1, y[i]! + vy[i]! / 30)) * 256) / 256;
  }
  world.tick = tick;
  const started = performance.now();
  const everything = new Map(channels.map((c) => [c.name, c.collect() as ReadonlyMap<string, Record<string, string | number | boolean>>]));
  const versions = new Map([["presence", 1]]);
  const sets = streams[tick % 3]!.next(everything, versions);
  last = { everything, delta: sets.delta };
  interest.prepare(everything);
  assembler.nextTick();
  sharedMs += performance.now() - started;
  let thisTick = performance.now() - started;
  const checks: [Frame, Record<string, AssemblyPatch>][] = [];
  for (let i = tick % 3; i < all.length; i += 3) {
    const filterStart = performance.now();
    const features = interest.features(all[i]!, tick < 3, everything, sets.delta);
    const filtered = performance.now();
    // Before issue 19 §3 the filters' sets were objects, encoded per connection; now they are Maps, assembled. (Made
    // objects untimed here: the filters built them more cheaply than this copy.)
    const asObjects = ENCODING === "objects" ? plain(features) : undefined;
    const encodeStart = performance.now();
    // The connection's whole frame (what the room sends): its header, then its features.
    const encoded = asObjects ? encodeSnapshotFrame(HEADER, encodeSnapshotFeatures(asObjects, CODEC)) : assembler.frame(HEADER, features, CODEC);
    const encodeEnd = performance.now();
    viewersMs += filtered - filterStart;
    if (tick >= 30) {
      connectionViewUs.push(1000 * (filtered - filterStart));
      connectionEncodeUs.push(1000 * (encodeEnd - encodeStart));
    }
    encodeMs += encodeEnd - encodeStart;
    thisTick += filtered - filterStart + (encodeEnd - encodeStart);
    bytes += size(encoded);
    for (const patch of Object.values(features)) setEntries += Object.keys(plainPatch(patch).set ?? {}).length;
    if (i % 97 === 0 || tick === SAMPLED_TICK) checks.push([encoded, features]);
  }
  tickMs.push(thisTick);
  // Copied: a connection's entity lists are refilled at its next snapshot.
  if (tick === SAMPLED_TICK) sampled.push(...checks.map(([, features]) => Object.fromEntries(Object.entries(features).map(([name, patch]) => [name, copyPatch(patch)]))));
  if (tick >= 30) worstTickMs = Math.max(worstTickMs, thisTick);
  // Untimed: a sample of this tick's snapshots decodes to what encoding the objects does.
  for (const [encoded, features] of checks) {
    const fromObjects = encodeSnapshotFrame(HEADER, encodeSnapshotFeatures(plain(features), CODEC));
    if (canonical(decodeServerMessage(encoded)) !== canonical(decodeServerMessage(fromObjects))) throw new Error(`tick ${tick}: features decode differently`);
  }
}
// One tick's encoding again, both ways, many times: the least time each took is what it costs without the other
// processes of a shared machine in the way (the loop above measures wall time, and a busy machine inflates it).
// Each round encodes new patch objects of the same content (the codec caches a packed patch by its object).
const bestOf = (encode: (features: Record<string, AssemblyPatch>[], plainFeatures: object[]) => void) => {
  let best = Infinity;
  for (let round = 0; round < 30; round++) {
    const copies = sampled.map((features) => Object.fromEntries(Object.entries(features).map(([name, patch]) => [name, { ...patch }])));
    const plainCopies = copies.map(plain);
    const start = performance.now();
    encode(copies, plainCopies);
    best = Math.min(best, performance.now() - start);
  }
  return best;
};
const objectsBest = bestOf((_copies, plainCopies) => plainCopies.forEach((features) => encodeSnapshotFeatures(features, CODEC)));
const assembledBest = bestOf((copies) => {
  assembler.nextTick();
  copies.forEach((features) => assembler.encode(features, CODEC));
});
/**
 * The last tick's connections again, views and filters then encoding, 30 times: the least time of each. Views hold
 * what they held after the tick, so nothing enters or leaves: the steady cost of a view that keeps what it sees.
 */
const lastTickBest = () => {
  let views = Infinity;
  let encoding = Infinity;
  for (let round = 0; round < 30; round++) {
    assembler.nextTick();
    let viewsMs = 0;
    let encodeMs = 0;
    for (let i = (TICKS - 1) % 3; i < all.length; i += 3) {
      const start = performance.now();
      const features = interest.features(all[i]!, false, last!.everything, last!.delta as never);
      const filtered = performance.now();
      assembler.frame(HEADER, features, CODEC);
      encodeMs += performance.now() - filtered;
      viewsMs += filtered - start;
    }
    views = Math.min(views, viewsMs);
    encoding = Math.min(encoding, encodeMs);
  }
  return { views, encoding };
};
const best = lastTickBest();
const measured = TICKS;
const snapshots = (measured * PLAYERS) / 3;
const warm = tickMs.slice(30).sort((a, b) => a - b);
const p99 = warm[Math.floor(0.99 * warm.length)]!;
console.log(
  `${PLAYERS} players, R = 64 m over 512 m, ${CODEC}, ${ENCODING}: per 30 Hz tick ${(sharedMs / measured).toFixed(2)} ms shared (collect + one diff + ` +
    `indexes) + ${(viewersMs / measured).toFixed(2)} ms views and filters + ${(encodeMs / measured).toFixed(2)} ms encoding, for a third of the ` +
    `connections; tick p99 ${p99.toFixed(2)} ms (max ${worstTickMs.toFixed(2)}); ${(setEntries / snapshots).toFixed(1)} set entries, ` +
    `${(bytes / snapshots).toFixed(0)} B per connection frame; tick p50 ${warm[Math.floor(warm.length / 2)]!.toFixed(2)} ms`,
);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const viewMedianUs = median(connectionViewUs);
const encodeMedianUs = median(connectionEncodeUs);
console.log(
  `  per connection, median: view and filters ${viewMedianUs.toFixed(1)} µs, encoding ${encodeMedianUs.toFixed(1)} µs ` +
    `(× ${Math.round(PLAYERS / 3)} connections a tick: ${((viewMedianUs + encodeMedianUs) * PLAYERS / 3000).toFixed(2)} ms)`,
);
console.log(`  the last tick's ${Math.ceil(PLAYERS / 3)} connections again (best of 30): views and filters ${best.views.toFixed(2)} ms, frames ${best.encoding.toFixed(2)} ms`);
console.log(
  `  encoding tick ${SAMPLED_TICK}'s ${sampled.length} snapshots again (best of 30): from objects ${objectsBest.toFixed(2)} ms, assembled ${assembledBest.toFixed(2)} ms`,
);
