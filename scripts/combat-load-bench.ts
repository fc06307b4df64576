/**
 * The combat load figure: 64 bots walking and firing in a room with 50 creatures and 10,000 structures. Prints the
 * room's tick work (p50/p99/max, GET /api/admin/rooms/:code: the last 10 s of ticks, read every 5 s), bytes per client
 * per second and snapshots per second per bot over the measured window. Targets: tick p99 ≤ 5 ms, ≥ 9.5 snapshots/s.
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/combat-load-bench.ts [--players 64] [--creatures 50] [--structures 10000] [--seconds 20] [--fire false] [--port 8786]
 *
 * Starts its own `wrangler dev` (fresh state, CREATURE_POPULATION=--creatures). The bots first build the structures
 * over the wire (as scripts/build-load-bench.ts does, at a player's build rate), then walk and hold fire
 * (Bot.setFiring: every input fires at an entity in range — players and creatures — with a viewTime, and the room
 * fires whenever cooldown and stamina allow), so projectiles fly, players and creatures are hit, die and respawn,
 * and structures in the way are shot. Bots play the default class (warrior: axe). Needs `npm run build` first.
 */
import { decodeServerMessage, type SnapshotMessage } from "@edgehold/protocol";
import { loadavg } from "node:os";
import WebSocket from "ws";
import { parseArgs } from "./lib/args.ts";
import { Bot } from "./lib/bot.ts";
import { structureLayout } from "./lib/structure-layout.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { fetchRoomStats, median, type TickWork } from "./lib/room-stats.ts";

const args = parseArgs(process.argv.slice(2), { players: "64", creatures: "50", structures: "10000", seconds: "20", port: "8786", fire: "true" });
const players = Number(args.players);
const creatures = Number(args.creatures);
const structures = Number(args.structures);
const seconds = Number(args.seconds);
/** `--fire false`: the same bots only walk (to see what firing costs). */
const firing = args.fire !== "false";
/** Walking and firing before the window opens: every bot has fired, the first deaths and respawns are under way. */
const WARM_UP_MS = 3000;
/** Tick stats cover the last 300 ticks (10 s); reading every 5 s sees every tick of the window at least once. */
const READ_EVERY_MS = 5000;


const server = await WranglerDev.start({ port: Number(args.port), vars: { CREATURE_POPULATION: String(creatures) } });
try {
  const room = `combat-load-${Date.now().toString(36)}`;
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  const bots = Array.from({ length: players }, (_, i) => new Bot(`${wsBase}?playerId=bot-${i}&name=Bot%20${i}`, `bot-${i}`, "msgpack", 0x9e3779b9 ^ (i * 2654435761), false));
  await Promise.all(bots.map((bot, i) => sleep(i * 10).then(() => bot.start())));
  structureLayout(structures).forEach((action, i) => bots[i % players]!.build([action]));
  const buildStarted = performance.now();
  while (bots.some((b) => b.buildsLeft > 0)) await sleep(500);
  await sleep(1000);
  console.log(`built ${structures} structures in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`);

  for (const bot of bots) {
    bot.setWalking(true);
    bot.setFiring(firing);
  }
  await sleep(WARM_UP_MS);
  const before = bots.map((b) => ({ bytes: b.bytesDown, snapshots: b.snapshots, fired: b.fireInputs }));
  const droppedBefore = (await fetchRoomStats(server.url, room)).droppedSteps;
  const windowStarted = performance.now();
  const reads: TickWork[] = [];
  for (let t = 0; t < seconds * 1000; t += READ_EVERY_MS) {
    await sleep(Math.min(READ_EVERY_MS, seconds * 1000 - t));
    reads.push((await fetchRoomStats(server.url, room)).tickWorkMs);
  }
  const windowSeconds = (performance.now() - windowStarted) / 1000;
  const droppedSteps = (await fetchRoomStats(server.url, room)).droppedSteps - droppedBefore;
  // The machine's load over the last minute: the room shares its cores with the bots (and anything else running),
  // and a starved room drops steps and snapshots whatever its own work costs.
  const load = loadavg()[0]!;
  const perBot = bots.map((b, i) => ({
    bytesPerSecond: (b.bytesDown - before[i]!.bytes) / windowSeconds,
    snapshotsPerSecond: (b.snapshots - before[i]!.snapshots) / windowSeconds,
    fireInputsPerSecond: (b.fireInputs - before[i]!.fired) / windowSeconds,
  }));
  const world = await observe(`${wsBase}?playerId=observer`);
  const live = bots.filter((b) => b.connected).length;
  const errorCodes = new Map<string, number>();
  for (const bot of bots) for (const [code, n] of bot.errorCodes) errorCodes.set(code, (errorCodes.get(code) ?? 0) + n);
  const errors = [...errorCodes].map(([code, n]) => `${code} ${n}`).join(", ") || "none";
  for (const bot of bots) bot.stop();

  const bytes = perBot.map((b) => b.bytesPerSecond).sort((a, b) => a - b);
  const rates = perBot.map((b) => b.snapshotsPerSecond).sort((a, b) => a - b);
  console.log(`\n${players} bots walking${firing ? " and firing" : ""}, ${creatures} creatures, ${structures} structures; ${windowSeconds.toFixed(1)} s window:`);
  console.table({
    "tick p50 ms (median of reads)": median(reads.map((r) => r.p50)),
    "tick p99 ms (worst read)": Math.max(...reads.map((r) => r.p99)),
    "tick max ms": Math.max(...reads.map((r) => r.max)),
    "bytes/s per client (mean)": Math.round(mean(bytes)),
    "bytes/s per client (max)": Math.round(bytes[bytes.length - 1] ?? 0),
    "snapshots/s per bot (mean)": round2(mean(rates)),
    "snapshots/s per bot (min)": round2(rates[0] ?? 0),
    "fire inputs/s per bot (mean)": round2(mean(perBot.map((b) => b.fireInputsPerSecond))),
    "bots connected": `${live}/${players}`,
    "error envelopes (whole run)": errors,
    "steps the room dropped": droppedSteps,
    "load average (1 min)": round2(load),
    "creatures at the end": world.creatures,
    "structures at the end": world.structures,
  });
  const p99 = Math.max(...reads.map((r) => r.p99));
  console.log(`targets: tick p99 ≤ 5 ms: ${p99 <= 5 ? "met" : "MISSED"} (${p99}); ≥ 9.5 snapshots/s per bot: ${(rates[0] ?? 0) >= 9.5 ? "met" : "MISSED"} (min ${round2(rates[0] ?? 0)})`);
} finally {
  await server.stop();
}
process.exit(0);

/** A newcomer's first (full) snapshot: how many creatures and structures the room holds now. */
function observe(url: string): Promise<{ creatures: number; structures: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.on("message", (data: ArrayBuffer) => {
      const message = decodeServerMessage(data);
      if (message.kind !== "snapshot" || message.payload.mode !== "full") return;
      const features = (message as SnapshotMessage).payload.features;
      const presence = Object.values(features.presence?.set ?? {}) as { kind?: string }[];
      resolve({ creatures: presence.filter((p) => p.kind === "creature").length, structures: Object.keys(features.build?.set ?? {}).length });
      socket.close();
    });
    socket.on("error", reject);
  });
}



function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
