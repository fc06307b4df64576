// How much interest management costs a crowded room, measured in Node (npx tsx worker/bench/interest-cost.ts): 1,000
// players walking over a 512 m world (the plaza), R = 64 m, every connection's snapshot at 10 Hz — a third of them
// per 30 Hz tick, as the room phases them. Measures the room's shared diff (SnapshotStream), the body grid, every
// connection's view and its filtered channels (movement, combat, presence), and, apart, encoding each connection's
// features (JSON: the binary movement pack holds ±128 m until the wire grows); not sockets. The sim is a stand-in (positions in plain arrays): the 512 m
// simulation itself is sim-core's.
import { encodeSnapshotFeatures } from "@edgehold/protocol";
import type { Connection } from "../src/room/connection.ts";
import { RoomInterest } from "../src/room/interest/room-interest.ts";
import type { CollectedChannel } from "../src/room/room-features.ts";
import type { RoomWorld } from "../src/room/room-world.ts";
import { BodyGrid } from "../src/room/interest/body-grid.ts";
import { SnapshotStream } from "../src/room/snapshot-builder.ts";

const PLAYERS = Number((globalThis as { process?: { argv: string[] } }).process?.argv[2] ?? 1000);
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

let sharedMs = 0;
let viewersMs = 0;
let setEntries = 0;
let encodeMs = 0;
let bytes = 0;
for (let tick = 0; tick < TICKS; tick++) {
  // Everyone walks at 6 m/s, turning now and then.
  for (let i = 0; i < PLAYERS; i++) {
    if (random() < 0.02 || (vx[i] === 0 && vy[i] === 0)) {
      const angle = random() * 2 * Math.PI;
      vx[i] = 6 * Math.cos(angle);
      vy[i] = 6 * Math.sin(angle);
    }
    x[i] = Math.max(-HALF, Math.min(HALF - 1, x[i]! + vx[i]! / 30));
    y[i] = Math.max(-HALF, Math.min(HALF - 1, y[i]! + vy[i]! / 30));
  }
  world.tick = tick;
  const started = performance.now();
  const everything = new Map(channels.map((c) => [c.name, c.collect() as ReadonlyMap<string, Record<string, string | number | boolean>>]));
  const versions = new Map([["presence", 1]]);
  const sets = streams[tick % 3]!.next(everything, versions);
  interest.prepare(everything);
  const shared = performance.now();
  let encodingThisTick = 0;
  for (let i = tick % 3; i < all.length; i += 3) {
    const features = interest.features(all[i]!, tick < 3, everything, sets.delta);
    for (const patch of Object.values(features as Record<string, { set?: object }>)) setEntries += Object.keys(patch.set ?? {}).length;
    // Encoding, timed apart: what a room does with these features today (issue 19 §3 makes it per entity). JSON: the
    // binary movement pack holds ±128 m until the wire grows (issue 19 §1).
    const encodeStart = performance.now();
    const encoded = encodeSnapshotFeatures(features, "json");
    encodingThisTick += performance.now() - encodeStart;
    if (encoded.codec === "json") bytes += encoded.text.length;
  }
  encodeMs += encodingThisTick;
  const filtered = performance.now() - encodingThisTick;
  sharedMs += shared - started;
  viewersMs += filtered - shared;
}
const measured = TICKS;
console.log(
  `${PLAYERS} players, R = 64 m over 512 m: per 30 Hz tick ${(sharedMs / measured).toFixed(2)} ms shared (collect + one diff + indexes) + ` +
    `${(viewersMs / measured).toFixed(2)} ms for a third of the connections' views and filters; ` +
    `${(setEntries / (measured * PLAYERS / 3)).toFixed(1)} set entries per connection snapshot; encoding them: ` +
    `${(encodeMs / measured).toFixed(2)} ms per tick, ${(bytes / (measured * PLAYERS / 3)).toFixed(0)} B per snapshot`,
);
