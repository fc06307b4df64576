/**
 * Tick work of a room holding 10,000 structures with 64 bots walking in it, next to the same bots in a room without
 * structures (the figure: tick work p99 ≤ 5 ms).
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/build-load-bench.ts [--players 64] [--structures 10000] [--seconds 20] [--port 8784]
 *
 * Starts its own `wrangler dev` (fresh state). The bots build the structures over the wire, each in its own rows of
 * the world outside the 32 × 32 m centre where players spawn, at the rate a player may build (~4.3/s each): 20 %
 * walls, 20 % crates, 60 % floors. Then they wander for `--seconds`, and the room's tick work (GET /api/admin/rooms/:code,
 * the last 10 s of ticks) is read every 5 s. The same bots then wander in an empty room for comparison. Also prints
 * the full snapshot a newcomer gets (bytes, structures). Needs `npm run build` first.
 */
import { decodeServerMessage, type SnapshotMessage } from "@edgehold/protocol";
import WebSocket from "ws";
import { parseArgs } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { structureLayout } from "./lib/structure-layout.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { fetchRoomStats, median } from "./lib/room-stats.ts";

const args = parseArgs(process.argv.slice(2), { players: "64", structures: "10000", seconds: "20", port: "8784" });
const players = Number(args.players);
const structures = Number(args.structures);
const seconds = Number(args.seconds);

const server = await WranglerDev.start({ port: Number(args.port) });
try {
  const built = await run(`build-load-${Date.now().toString(36)}`, structures);
  const empty = await run(`build-empty-${Date.now().toString(36)}`, 0);
  console.log(`\n${players} bots wandering, ${seconds} s, tick work over the last 10 s of ticks (read every 5 s):`);
  console.table({ [`${built.structures} structures`]: built.row, "no structures": empty.row });
  console.log(`full snapshot for a newcomer: ${built.fullBytes} bytes with ${built.structures} structures (${(built.fullBytes / Math.max(1, built.structures)).toFixed(2)} B per structure, players included)`);
} finally {
  await server.stop();
}
process.exit(0);

async function run(room: string, count: number) {
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  const bots = Array.from({ length: players }, (_, i) => new Bot(`${wsBase}?playerId=bot-${i}&name=Bot%20${i}`, `bot-${i}`, "msgpack", 0x9e3779b9 ^ (i * 2654435761), false));
  await Promise.all(bots.map((bot, i) => sleep(i * 10).then(() => bot.start())));
  const tiles = structureLayout(count);
  tiles.forEach((action, i) => bots[i % players]!.build([action]));
  const buildStarted = performance.now();
  while (bots.some((b) => b.buildsLeft > 0)) await sleep(500);
  await sleep(1000);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const full = await fullSnapshot(`${wsBase}?playerId=observer`);
  for (const bot of bots) bot.setWalking(true);
  await sleep(3000);
  const samples: { p50: number; p99: number; max: number }[] = [];
  for (let t = 0; t < seconds; t += 5) {
    await sleep(5000);
    samples.push((await fetchRoomStats(server.url, room)).tickWorkMs);
  }
  const live = bots.filter((b) => b.connected).length;
  const snapshotsPerSecond = bots.reduce((sum, b) => sum + b.snapshots, 0) / players / (seconds + 3 + buildSeconds + 1);
  for (const bot of bots) bot.stop();
  const row = {
    "tick p50 ms (median of reads)": median(samples.map((s) => s.p50)),
    "tick p99 ms (worst read)": Math.max(...samples.map((s) => s.p99)),
    "tick max ms": Math.max(...samples.map((s) => s.max)),
    "bots connected": `${live}/${players}`,
    "snapshots/s per bot": Number(snapshotsPerSecond.toFixed(2)),
    "build time s": Number(buildSeconds.toFixed(1)),
  };
  return { row, structures: full.structures, fullBytes: full.bytes };
}

/** A newcomer's first snapshot (full): its size on the wire and how many structures it holds. */
function fullSnapshot(url: string): Promise<{ bytes: number; structures: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.on("message", (data: ArrayBuffer) => {
      const message = decodeServerMessage(data);
      if (message.kind !== "snapshot" || message.payload.mode !== "full") return;
      const set = (message as SnapshotMessage).payload.features.build?.set ?? {};
      resolve({ bytes: data.byteLength, structures: Object.keys(set).length });
      socket.close();
    });
    socket.on("error", reject);
  });
}
