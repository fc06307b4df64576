/**
 * Load generator: real WebSocket bots that speak only the wire contract.
 *
 *   npm run bots -- --url http://127.0.0.1:8787 --room r1 --players 64 --seconds 20 [--codec msgpack|json] [--fire 1]
 *
 * `--fire 1`: every bot also fires at a random entity within 12 m (see Bot.setFiring).
 *
 * Prints progress every second, then per-bot snapshot rate, bytes/s down, input→ackInputSeq latency (until a snapshot shows the batch applied), movement bytes per
 * changed entity, and the room's own tick work time from GET /api/admin/rooms/:code. Loopback only; stops by itself.
 */
import { parseArgs, percentile } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { fetchRoomStats } from "./lib/room-stats.ts";

const args = parseArgs(process.argv.slice(2), { url: "http://127.0.0.1:8787", room: "r1", players: "64", seconds: "20", codec: "msgpack", warmup: "2", fire: "0" });
const players = Number(args.players);
const seconds = Number(args.seconds);
const warmupSeconds = Number(args.warmup);
const codec = args.codec === "json" ? "json" : "msgpack";
const base = new URL(args.url!);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) {
  console.error(`refusing to load ${base.hostname}: the bots only target loopback`);
  process.exit(2);
}
const wsBase = `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}/api/rooms/${encodeURIComponent(args.room!)}/ws`;

const bots = Array.from({ length: players }, (_, i) => {
  const playerId = `bot-${i}`;
  return new Bot(`${wsBase}?playerId=${playerId}&name=Bot%20${i}&codec=${codec}`, playerId, codec, 0x9e3779b9 ^ (i * 2654435761));
});

console.log(`connecting ${players} bots to ${wsBase} (${codec}) for ${seconds} s…`);
const startedConnecting = performance.now();
await Promise.all(bots.map((bot, i) => new Promise((r) => setTimeout(r, i * 10)).then(() => bot.start())));
console.log(`all connected in ${((performance.now() - startedConnecting) / 1000).toFixed(1)} s`);
if (args.fire === "1") for (const bot of bots) bot.setFiring(true);

await sleep(warmupSeconds * 1000);
// Measure only the steady state: reset counters after warm-up.
for (const bot of bots) bot.resetMeasurements();
const measureStart = performance.now();
const ackCountAt = bots.map(() => 0);
for (let s = 1; s <= seconds; s++) {
  await sleep(1000);
  const elapsed = (performance.now() - measureStart) / 1000;
  const snaps = sum(bots.map((b) => b.snapshots)) / players / elapsed;
  const kbps = sum(bots.map((b) => b.bytesDown)) / players / elapsed / 1024;
  // The progress line shows the last second only: a trend stays visible instead of averaging into the run.
  const acks = bots.flatMap((b, i) => b.ackLatenciesMs.slice(ackCountAt[i])).sort((a, b) => a - b);
  bots.forEach((b, i) => (ackCountAt[i] = b.ackLatenciesMs.length));
  const live = bots.filter((b) => b.connected).length;
  process.stdout.write(
    `\r[${s}/${seconds}s] bots ${live}/${players}  snapshots/s ${snaps.toFixed(2)}  down ${kbps.toFixed(1)} kB/s/bot  ackInputSeq (last 1 s) p50 ${percentile(acks, 0.5).toFixed(1)} ms p99 ${percentile(acks, 0.99).toFixed(1)} ms   `,
  );
}
process.stdout.write("\n");
const elapsed = (performance.now() - measureStart) / 1000;
const roomInfo = await fetchRoomStats(base, args.room!);
for (const bot of bots) bot.stop();

const rates = bots.map((b) => b.snapshots / elapsed).sort((a, b) => a - b);
const gaps = bots.flatMap((b) => b.snapshotTimes.slice(1).map((t, i) => t - b.snapshotTimes[i]!)).sort((a, b) => a - b);
const down = bots.map((b) => b.bytesDown / elapsed).sort((a, b) => a - b);
const frames = bots.map((b) => b.framesDown / elapsed).sort((a, b) => a - b);
const acks = bots.flatMap((b) => b.ackLatenciesMs).sort((a, b) => a - b);
const recordBytes = sum(bots.map((b) => b.wire.recordBytes));
const records = sum(bots.map((b) => b.wire.records));
const closed = bots.filter((b) => b.closeCode !== undefined && b.closeCode !== 1000 && b.closeCode !== 1005);

console.log("\nresults (steady state, after %d s warm-up)", warmupSeconds);
console.table({
  "snapshots/s per bot": { p50: fmt(percentile(rates, 0.5)), min: fmt(rates[0]!), max: fmt(rates[rates.length - 1]!), target: "10 ± 1" },
  "snapshot gap ms": { p50: fmt(percentile(gaps, 0.5)), min: fmt(gaps[0]!), max: fmt(percentile(gaps, 0.99)) + " (p99)", target: "100" },
  // 10 snapshots + 1 pong a second: input batches are acknowledged by the snapshots' ackInputSeq, not by an ack each.
  "frames/s down per bot": { p50: fmt(percentile(frames, 0.5)), min: fmt(frames[0]!), max: fmt(frames[frames.length - 1]!), target: "≈ 11 (10 snapshots + the pong of the 1 Hz ackTick ping) + events" },
  "bytes/s down per bot": { p50: fmt(percentile(down, 0.5)), min: fmt(down[0]!), max: fmt(down[down.length - 1]!), target: "" },
  // Input batches are acknowledged by the snapshots' ackInputSeq: this includes the wait for the next snapshot
  // (≤ 100 ms at 10 Hz) and the ~4-input jitter queue (~133 ms), so it is no round-trip time.
  "input→ackInputSeq ms": { p50: fmt(percentile(acks, 0.5)), min: fmt(acks[0]!), max: fmt(percentile(acks, 0.99)) + " (p99)", target: "p99 ≤ 250" },
  "room tick work ms": { p50: fmt(roomInfo.tickWorkMs.p50), min: "", max: fmt(roomInfo.tickWorkMs.p99) + " (p99)", target: "p99 ≤ 5" },
});
if (codec === "msgpack") {
  console.log(`movement wire bytes per changed entity: ${(recordBytes / Math.max(1, records)).toFixed(2)} (target ≤ 12; ${records} records)`);
}
console.log(`room: ${roomInfo.players} online at the end, ${roomInfo.droppedSteps} dropped steps, tick max ${roomInfo.tickWorkMs.max} ms over ${roomInfo.tickWorkMs.samples} ticks`);
console.log(`errors received: ${sum(bots.map((b) => b.errors))}; abnormal closes: ${closed.length}`);
if (args.fire === "1") {
  const hits = Math.max(0, ...bots.map((b) => b.hitEvents));
  console.log(`fire inputs sent: ${sum(bots.map((b) => b.fireInputs))} (the sim fires those that find the weapon ready); combat.hit events in the room: ${hits}`);
}
await sleep(200);
process.exit(0);

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "-";
}
