/**
 * The load test (ARCHITECTURE.md "Operations"): real protocol clients against a room.
 *
 *   npm run loadtest -- --url http://127.0.0.1:8787 (--room C | --kind K) --players N [--ramp a,b,…] --seconds S
 *                       [--fire] [--chat] [--json F] [--max-p99-ms X] [--codec msgpack|json]
 *
 * Each bot walks (an input every step, batched like the page), confirms what it reads (`ackTick`, 1 Hz pings), and
 * with `--fire` shoots at what is near, with `--chat` says a line every 5 s. `--kind` makes a fresh room of that kind
 * (`POST /api/rooms`, dev mode). `--ramp 16,32,64` runs one step per count (adding bots), `--seconds` each. A live
 * progress line, then a percentile table (RTT, input → applied, snapshot interval, kB/s per client, close codes).
 * Exit 1 when a step is not ok: a bot was closed, or input → applied p99 is over `--max-p99-ms`.
 */
import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { createRoom } from "./lib/crowd-room.ts";
import { resultTable, stepResult, type StepResult } from "./lib/loadtest-report.ts";

const args = parseArgs(process.argv.slice(2), { url: "http://127.0.0.1:8787", players: "32", seconds: "10", codec: "msgpack" });
const usage = "usage: npm run loadtest -- --url U (--room C | --kind K) --players N [--ramp a,b,…] --seconds S [--fire] [--chat] [--json F] [--max-p99-ms X]";
const steps = (args.ramp ?? args.players!).split(",").map(Number);
const seconds = Number(args.seconds);
const maxP99Ms = args["max-p99-ms"] === undefined ? undefined : Number(args["max-p99-ms"]);
if (steps.some((n) => !Number.isInteger(n) || n < 1) || !(seconds > 0) || (maxP99Ms !== undefined && !(maxP99Ms > 0)) || (args.room && args.kind)) {
  console.error(usage);
  process.exit(2);
}
const codec = args.codec === "json" ? "json" : "msgpack";
const base = new URL(args.url!);
// A few hundred bots from one machine are a denial of service to anyone else's server: loopback unless asked.
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname) && args["allow-remote"] !== "true") {
  console.error(`refusing to load ${base.hostname}: pass --allow-remote to load a server that is not on this machine`);
  process.exit(2);
}

const room = args.room ?? (await newRoom(args.kind ?? "room"));
const wsBase = `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}/api/rooms/${encodeURIComponent(room)}/ws`;
const bots: Bot[] = [];
const closesSeen = new Map<Bot, number>();
const results: StepResult[] = [];

console.log(`room ${room}: ${steps.join(" → ")} players, ${seconds} s each (${codec}${args.fire ? ", firing" : ""}${args.chat ? ", chatting" : ""})`);
for (const [index, players] of steps.entries()) {
  await addBots(players);
  for (const bot of bots) bot.resetMeasurements();
  const started = performance.now();
  const closes: Record<string, number> = {};
  for (let s = 1; s <= seconds; s++) {
    await sleep(1000);
    const elapsed = (performance.now() - started) / 1000;
    for (const bot of bots) {
      if (bot.closeCode !== undefined && !closesSeen.has(bot)) {
        closesSeen.set(bot, bot.closeCode);
        closes[bot.closeCode] = (closes[bot.closeCode] ?? 0) + 1;
      }
    }
    const connected = bots.filter((b) => b.connected).length;
    const snapshots = bots.reduce((n, b) => n + b.snapshots, 0) / elapsed;
    const kBps = bots.reduce((n, b) => n + b.bytesDown, 0) / elapsed / 1024;
    const errors = bots.reduce((n, b) => n + b.errors, 0) + Object.values(closes).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `\r[step ${index + 1}/${steps.length} · ${s}/${seconds} s] connected ${connected}/${players}  snapshots/s ${snapshots.toFixed(0)}  kB/s ${kBps.toFixed(1)}  errors ${errors}   `,
    );
  }
  process.stdout.write("\n");
  results.push(stepResult(bots, seconds, (performance.now() - started) / 1000, closes, maxP99Ms));
}
for (const bot of bots) bot.stop();

console.table(resultTable(results));
// Which error envelopes the room sent (a rate limit, a backlog…): the first thing to read when `errors` grew.
const errorCodes = new Map<string, number>();
for (const bot of bots) for (const [code, n] of bot.errorCodes) errorCodes.set(code, (errorCodes.get(code) ?? 0) + n);
if (errorCodes.size > 0) console.log(`error envelopes: ${[...errorCodes].map(([code, n]) => `${code}×${n}`).join(", ")}`);
if (args.json) writeFileSync(args.json, JSON.stringify(args.ramp ? results : results[0], null, 2) + "\n");
const ok = results.every((r) => r.ok);
if (!ok) console.error(`missed: ${results.filter((r) => !r.ok).map((r) => `${r.players} players`).join(", ")} (a bot was closed${maxP99Ms !== undefined ? `, or input → applied p99 > ${maxP99Ms} ms` : ""})`);
process.exit(ok ? 0 : 1);


/** Brings the room to `players` bots, 10 ms apart (a join burst the room's throttle would refuse otherwise). */
async function addBots(players: number): Promise<void> {
  const fresh: Bot[] = [];
  for (let i = bots.length; i < players; i++) {
    const playerId = `load-${i}`;
    fresh.push(new Bot(`${wsBase}?playerId=${playerId}&name=Load%20${i}&codec=${codec}`, playerId, codec, 0x9e3779b9 ^ (i * 2654435761)));
  }
  await Promise.all(fresh.map((bot, i) => sleep(i * 10).then(() => bot.start())));
  for (const bot of fresh) {
    if (args.fire) bot.setFiring(true);
    if (args.chat) bot.chatEvery(5000);
  }
  bots.push(...fresh);
}

/** A room of `kind` made through the API (as the lobby does); exits 2 with the server's answer when refused. */
async function newRoom(kind: string): Promise<string> {
  try {
    return (await createRoom(base.href, kind, "loadtest")).code;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
