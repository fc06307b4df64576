/**
 * Rows-written benchmark: what a 64-player room costs in SQLite writes, walking and standing still.
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/rows-bench.ts [--players 64] [--seconds 30] [--warmup 3] [--port 8783]
 *
 * Starts its own `wrangler dev` (fresh state), connects the bots to one room walking (each wanders, changing
 * direction every 1–2 s) and then, in a second room, standing still (an input every step with no key held). For each
 * phase it diffs the room's `rowsWritten.total` (GET /api/admin/rooms/:code) over the measured window, after the joins
 * and a warm-up, and prints rows per hour. Needs sim.wasm and web/dist built (`npm run build`).
 */
import { parseArgs } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { fetchRoomStats } from "./lib/room-stats.ts";

const args = parseArgs(process.argv.slice(2), { players: "64", seconds: "30", warmup: "3", port: "8783" });
const players = Number(args.players);
const seconds = Number(args.seconds);
const warmupSeconds = Number(args.warmup);

const server = await WranglerDev.start({ port: Number(args.port) });
try {
  const walking = await measure(`rows-walk-${Date.now().toString(36)}`, true);
  const idle = await measure(`rows-idle-${Date.now().toString(36)}`, false);
  console.log(`\n${players} bots, ${seconds} s measured per phase after ${warmupSeconds} s warm-up:`);
  console.table({
    walking: { rows: walking.rows, "rows/hour": walking.perHour, target: "≤ 4000" },
    idle: { rows: idle.rows, "rows/hour": idle.perHour, target: "~0" },
  });
} finally {
  await server.stop();
}
process.exit(0);

async function measure(room: string, walk: boolean): Promise<{ rows: number; perHour: number }> {
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  const bots = Array.from({ length: players }, (_, i) => {
    const playerId = `bot-${i}`;
    return new Bot(`${wsBase}?playerId=${playerId}&name=Bot%20${i}`, playerId, "msgpack", 0x9e3779b9 ^ (i * 2654435761), walk);
  });
  await Promise.all(bots.map((bot, i) => sleep(i * 10).then(() => bot.start())));
  await sleep(warmupSeconds * 1000);
  const before = await rowsWritten(room);
  const startedAt = performance.now();
  await sleep(seconds * 1000);
  const after = await rowsWritten(room);
  const elapsedHours = (performance.now() - startedAt) / 3_600_000;
  const live = bots.filter((b) => b.connected).length;
  for (const bot of bots) bot.stop();
  const rows = after - before;
  console.log(`${walk ? "walking" : "idle"}: ${rows} rows in ${seconds} s with ${live}/${players} bots connected`);
  return { rows, perHour: Math.round(rows / elapsedHours) };
}

async function rowsWritten(room: string): Promise<number> {
  return (await fetchRoomStats(server.url, room)).rowsWritten.total;
}
