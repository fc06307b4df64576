/**
 * Chat fan-out cost: 64 bots wandering in a room, silent, then the same in a fresh room with every bot chatting at
 * its limit (a line every 2 s = 5 per 10 s, room scope, so every line goes to all 64).
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/chat-load-bench.ts [--players 64] [--seconds 20] [--interval 2000] [--scope room|nearby] [--port 8785]
 *
 * Starts its own `wrangler dev` (fresh state). Per room it prints: the room's tick work (GET /api/admin/rooms/:code, the last
 * 10 s of ticks, read every 5 s: median p50, worst p99), the server's CPU (workerd, from /proc, over the window —
 * chat lines are handled between ticks, so tick work alone would not show their cost), bytes per client per second
 * (all, and chat events alone), chat lines per client per second, snapshots per second, and chat refusals. Needs
 * `npm run build` first.
 */
import { parseArgs } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { treeCpuSeconds } from "./lib/process-cpu.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { fetchRoomStats, median } from "./lib/room-stats.ts";

const args = parseArgs(process.argv.slice(2), { players: "64", seconds: "20", interval: "2000", scope: "room", port: "8785" });
const players = Number(args.players);
const seconds = Number(args.seconds);
const interval = Number(args.interval);
const scope = args.scope === "nearby" ? "nearby" : "room";

const server = await WranglerDev.start({ port: Number(args.port) });
try {
  const silent = await run(`chat-silent-${Date.now().toString(36)}`, 0);
  const chatting = await run(`chat-busy-${Date.now().toString(36)}`, interval);
  console.log(`\n${players} bots wandering for ${seconds} s; chatting = a ${scope} line every ${interval} ms per bot:`);
  console.table({ silent, chatting });
} finally {
  await server.stop();
}
process.exit(0);

async function run(room: string, chatIntervalMs: number) {
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  const bots = Array.from({ length: players }, (_, i) => new Bot(`${wsBase}?playerId=bot-${i}&name=Bot%20${i}`, `bot-${i}`, "msgpack", 0x9e3779b9 ^ (i * 2654435761)));
  await Promise.all(bots.map((bot, i) => sleep(i * 10).then(() => bot.start())));
  for (const bot of bots) bot.chatEvery(chatIntervalMs, scope);
  // Warm up (every bot has started speaking), then measure the steady state only.
  await sleep(Math.max(3000, chatIntervalMs + 1000));
  for (const bot of bots) {
    bot.snapshots = 0;
    bot.bytesDown = 0;
    Object.assign(bot.chat, { said: 0, linesDown: 0, bytesDown: 0, rateLimited: 0 });
  }
  const cpuBefore = treeCpuSeconds(server.pid!);
  const started = performance.now();
  const samples: { p50: number; p99: number; max: number }[] = [];
  for (let t = 0; t < seconds; t += 5) {
    await sleep(5000);
    samples.push((await fetchRoomStats(server.url, room)).tickWorkMs);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = treeCpuSeconds(server.pid!) - cpuBefore;
  const live = bots.filter((b) => b.connected).length;
  const perBot = (total: number) => Number((total / players / elapsed).toFixed(1));
  const sum = (f: (b: Bot) => number) => bots.reduce((n, b) => n + f(b), 0);
  for (const bot of bots) bot.stop();
  return {
    "tick p50 ms (median read)": median(samples.map((s) => s.p50)),
    "tick p99 ms (worst read)": Math.max(...samples.map((s) => s.p99)),
    "tick max ms": Math.max(...samples.map((s) => s.max)),
    "server CPU %": Number(((cpu / elapsed) * 100).toFixed(1)),
    "bytes/s per client": perBot(sum((b) => b.bytesDown)),
    "chat bytes/s per client": perBot(sum((b) => b.chat.bytesDown)),
    "chat lines/s per client": perBot(sum((b) => b.chat.linesDown)),
    "lines said/s (room)": Number((sum((b) => b.chat.said) / elapsed).toFixed(1)),
    "chat refusals": sum((b) => b.chat.rateLimited),
    "snapshots/s per client": perBot(sum((b) => b.snapshots)),
    "bots connected": `${live}/${players}`,
  };
}
