/**
 * A plaza's figures (issue 19 §5) from inside the server: tick work, snapshots and bytes per bot, the room's process
 * CPU and its isolate's heap, as a crowd ramps up in one plaza.
 *
 *   flock /tmp/edgehold-cpu.lock npx tsx scripts/plaza-figures.ts [--ramp 512,1000] [--seconds 20] [--warmup 5]
 *     [--processes 1] [--pin 1|bots|0] [--stagger 10] [--kind plaza] [--port 8990] [--inspector 8991] [--json F]
 *     [--server-log F] [--deflate 0]
 *
 * Starts its own `wrangler dev` (fresh state, the worker's V8 inspector open), makes a room of `--kind` with
 * `POST /api/rooms` (a plaza scatters its players over 512 m as they join), and for each count of the ramp brings
 * the crowd to it with walking bots (scripts/lib/bot.ts: an input every step, batched at 20 Hz, confirming what they
 * read; `--stagger` ms apart, at most 8 joining at once), warms up, then measures for `--seconds`:
 *  - tick work p50/p99/max: the room's own figure (GET /api/admin/rooms/:code with the dev admin token; a ring of
 *    the last 300 ticks, read every 10 s so the reads cover the window's ticks once), and the steps it dropped;
 *  - snapshots/s per bot (min, median) and kB/s down per bot (median, max), and the bots closed so far by code;
 *  - the room process's CPU (the workerd that runs the Durable Objects, as the shared benchmark's "room process
 *    CPU"; 100 % = one core) and wrangler dev's whole tree;
 *  - the isolate's JS heap (inspector `Runtime.getHeapUsage`: used/total, the largest of reads every 2 s from the
 *    step's first join to its end, and used after a forced GC at the end of the step). In `wrangler dev` every
 *    Durable Object of the worker (the room, the directory, …) and its fetch handler share one isolate, so this is
 *    an upper bound of the room's.
 * The bots run in `--processes` child processes (scripts/lib/bot-fleet.ts) and decline WebSocket compression, as
 * the shared benchmark's do (`--deflate 1` accepts it, as browsers do). With `--pin 1` (the default on 2+ cores) the
 * server runs on core 0 and the bots on core 1, as the shared benchmark's compare.sh; `--pin bots` keeps the bots on
 * core 1 and lets the server use both (wrangler's proxy and wrangler itself then need not share the room's core);
 * `--pin 0` pins nothing. Each bot process's CPU and event-loop delay are printed: a process that cannot keep up
 * reads fewer snapshots than the room sends. `--server-log F` keeps wrangler's output. Needs sim.wasm and web/dist
 * built (`npm run build`).
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "./lib/args.ts";
import { BotFleet, type BotReading, type ProcessReading } from "./lib/bot-fleet.ts";
import { createRoom } from "./lib/crowd-room.ts";
import { Inspector } from "./lib/inspector.ts";
import { roomProcessCpuSeconds, treeCpuSeconds } from "./lib/process-cpu.ts";
import { fetchRoomStats, median, type RoomStats, type TickWork } from "./lib/room-stats.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";

const args = parseArgs(process.argv.slice(2), {
  ramp: "512,1000",
  seconds: "20",
  warmup: "5",
  processes: "1",
  pin: "1",
  stagger: "10",
  kind: "plaza",
  port: "8990",
  inspector: "8991",
  deflate: "0",
  json: "",
  "server-log": "",
});
const counts = args.ramp!.split(",").map(Number);
const seconds = Number(args.seconds);
const processes = Number(args.processes);
if (counts.some((n) => !Number.isInteger(n) || n < 1) || !(seconds > 0) || !(processes >= 1)) {
  console.error("usage: npx tsx scripts/plaza-figures.ts [--ramp 512,1000] [--seconds 20] [--warmup 5] [--processes 1] [--pin 1|bots|0] [--stagger 10] [--kind plaza]");
  process.exit(2);
}
const twoCores = availableParallelism() >= 2;
const serverCpus = args.pin === "1" && twoCores ? "0" : undefined;
const botCpus = (args.pin === "1" || args.pin === "bots") && twoCores ? "1" : undefined;
/** The room's tick ring holds the last 300 ticks (10 s): one read per 10 s sees each tick of the window once. */
const TICK_READ_EVERY_MS = 10_000;
/** A progress line between tick reads. */
const SAMPLE_EVERY_MS = 5_000;
/** The isolate's heap is read this often through a step (a read costs the isolate next to nothing). */
const HEAP_READ_EVERY_MS = 2_000;
const MB = 1024 * 1024;

interface StepFigures {
  players: number;
  connected: number;
  seconds: number;
  tickWorkMs: { p50: number; p99: number; max: number; samples: number };
  /** Undefined when a read of the room's stats failed (see roomStats). */
  droppedSteps: number | undefined;
  snapshotsPerSecondPerBot: { min: number; median: number };
  kBpsDownPerBot: { median: number; max: number };
  closedSoFar: Record<string, number>;
  roomProcessCpuPercent: number | undefined;
  serverTreeCpuPercent: number;
  heapMB: { usedMax: number; totalMax: number; usedAfterGc: number };
  botProcesses: { cpuPercent: number; loopDelayP99Ms: number }[];
  loadAverage1m: number;
}

console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
/** `--inspector 0`: no inspector, no heap figures (to see what attaching it costs the room). */
const inspectorPort = Number(args.inspector);
const server = await WranglerDev.start({ port: Number(args.port), ...(inspectorPort > 0 ? { inspectorPort } : {}), ...(serverCpus ? { cpus: serverCpus } : {}) });
const fleet = BotFleet.start(processes, botCpus);
const inspector = inspectorPort > 0 ? await Inspector.connect(inspectorPort) : undefined;
const steps: StepFigures[] = [];
try {
  const room = (await createRoom(server.url, args.kind!, "plaza-figures")).code;
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  console.log(
    `${args.kind} ${room}: ${counts.join(" → ")} walking bots in ${processes} process${processes > 1 ? "es" : ""}, ${args.warmup} s warm-up and ${seconds} s measured per step` +
      ` (server on ${serverCpus ? `core ${serverCpus}` : "any core"}, bots on ${botCpus ? `core ${botCpus}` : "any core"})`,
  );
  for (const players of counts) {
    const heap = watchHeap();
    const joinStarted = performance.now();
    const refused = await fleet.grow(players, wsBase, { staggerMs: Number(args.stagger), idPrefix: "plaza", codec: "msgpack", deflate: args.deflate === "1" });
    const joined = (await fleet.read()).flatMap((reading) => reading.bots).filter((bot) => bot.connected).length;
    console.log(`${players} bots: joins done in ${((performance.now() - joinStarted) / 1000).toFixed(1)} s, ${joined} connected, heap up to ${heap.seen.usedMax.toFixed(1)} MB so far`);
    if (refused.length > 0) console.log(`${refused.length} bots refused at the join, e.g. ${[...new Set(refused)].slice(0, 3).join("; ")}`);
    await sleep(Number(args.warmup) * 1000);
    steps.push(await measure(room, players, heap));
    printStep(steps.at(-1)!);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ kind: args.kind, processes, serverCpus, botCpus, steps }, null, 2) + "\n");
} catch (error) {
  console.error(error);
  console.error(`wrangler dev's last output:\n${server.log.slice(-3000)}`);
  process.exitCode = 1;
} finally {
  inspector?.close();
  await fleet.stop();
  await server.stop();
  if (args["server-log"]) writeFileSync(args["server-log"], server.log);
}
process.exit();

async function measure(room: string, players: number, heapWatch: HeapWatch): Promise<StepFigures> {
  await fleet.reset();
  const droppedBefore = (await roomStats(room))?.droppedSteps;
  const cpuBefore = { room: roomProcessCpuSeconds(server.pid!, server.port), tree: treeCpuSeconds(server.pid!) };
  const startedAt = performance.now();
  const tickReads: TickWork[] = [];
  const endsAt = startedAt + seconds * 1000;
  for (let sample = 1; ; sample++) {
    const last = startedAt + sample * SAMPLE_EVERY_MS >= endsAt;
    await sleep(Math.min(startedAt + sample * SAMPLE_EVERY_MS, endsAt) - performance.now());
    if (last || (sample * SAMPLE_EVERY_MS) % TICK_READ_EVERY_MS === 0) {
      const stats = await roomStats(room);
      if (stats) tickReads.push(stats.tickWorkMs);
    }
    if (last) break;
    const elapsed = (performance.now() - startedAt) / 1000;
    console.log(`  ${players} bots · ${elapsed.toFixed(0)}/${seconds} s · ${progressLine(await fleet.read())} · heap ${heapWatch.seen.used.toFixed(1)} MB`);
  }
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const roomCpu = roomProcessCpuSeconds(server.pid!, server.port);
  const treeCpu = treeCpuSeconds(server.pid!);
  const readings = await fleet.read();
  const heap = await heapWatch.stop();
  const droppedAfter = (await roomStats(room))?.droppedSteps;
  const droppedSteps = droppedAfter === undefined || droppedBefore === undefined ? undefined : droppedAfter - droppedBefore;
  // After the window: a forced GC pauses the isolate, and what survives it is what the room holds.
  await inspector?.call("HeapProfiler.collectGarbage");
  const usedAfterGc = (await heapUsage()).usedSize / MB;

  const bots = readings.flatMap((reading) => reading.bots.map((bot) => ({ ...bot, seconds: reading.seconds })));
  const live = bots.filter((bot) => bot.connected);
  const rates = live.map((bot) => bot.snapshots / bot.seconds).sort((a, b) => a - b);
  const kBps = live.map((bot) => bot.bytesDown / bot.seconds / 1024).sort((a, b) => a - b);
  return {
    players,
    connected: live.length,
    seconds: wallSeconds,
    tickWorkMs: {
      p50: tickReads.length > 0 ? median(tickReads.map((read) => read.p50)) : Number.NaN,
      p99: tickReads.length > 0 ? Math.max(...tickReads.map((read) => read.p99)) : Number.NaN,
      max: tickReads.length > 0 ? Math.max(...tickReads.map((read) => read.max)) : Number.NaN,
      samples: tickReads.reduce((sum, read) => sum + read.samples, 0),
    },
    droppedSteps,
    snapshotsPerSecondPerBot: { min: rates[0] ?? 0, median: median(rates) },
    kBpsDownPerBot: { median: median(kBps), max: kBps.at(-1) ?? 0 },
    closedSoFar: closedByCode(bots),
    roomProcessCpuPercent: roomCpu === undefined || cpuBefore.room === undefined ? undefined : ((roomCpu - cpuBefore.room) / wallSeconds) * 100,
    serverTreeCpuPercent: ((treeCpu - cpuBefore.tree) / wallSeconds) * 100,
    heapMB: { usedMax: heap.usedMax, totalMax: heap.totalMax, usedAfterGc },
    botProcesses: readings.map((reading) => ({ cpuPercent: reading.cpuPercent, loopDelayP99Ms: reading.loopDelayMs.p99 })),
    loadAverage1m: loadavg()[0]!,
  };
}

/**
 * The room's stats, or undefined (said on the console) when the read fails: under a load the machine cannot carry
 * the room has answered it only after 10+ s, and one late read must not lose the step's other figures.
 */
async function roomStats(room: string): Promise<RoomStats | undefined> {
  try {
    return await fetchRoomStats(server.url, room);
  } catch (error) {
    console.log(`  (the room's stats were not read: ${(error as Error).message})`);
    return undefined;
  }
}

interface HeapWatch {
  /** The latest read and the largest seen so far (MB). */
  seen: { used: number; usedMax: number; totalMax: number };
  /** Stops reading; resolves with the largest seen, a last read included. */
  stop(): Promise<{ usedMax: number; totalMax: number }>;
}

/**
 * Reads the isolate's heap every HEAP_READ_EVERY_MS from now until stopped: a step's largest heap, from its first
 * join (a crowd that collapses later still shows what it held) to the end of its window.
 */
function watchHeap(): HeapWatch {
  const seen = { used: Number.NaN, usedMax: 0, totalMax: 0 };
  let reading = Promise.resolve();
  const read = () => {
    reading = reading.then(heapUsage).then(
      (usage) => {
        seen.used = usage.usedSize / MB;
        seen.usedMax = Math.max(seen.usedMax, seen.used);
        seen.totalMax = Math.max(seen.totalMax, usage.totalSize / MB);
      },
      () => undefined,
    );
  };
  read();
  const timer = setInterval(read, HEAP_READ_EVERY_MS);
  return {
    seen,
    async stop() {
      clearInterval(timer);
      read();
      await reading;
      return { usedMax: seen.usedMax, totalMax: seen.totalMax };
    },
  };
}

async function heapUsage(): Promise<{ usedSize: number; totalSize: number }> {
  if (!inspector) return { usedSize: Number.NaN, totalSize: Number.NaN };
  return (await inspector.call("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };
}

function progressLine(readings: ProcessReading[]): string {
  const bots = readings.flatMap((reading) => reading.bots.map((bot) => ({ ...bot, seconds: reading.seconds })));
  const live = bots.filter((bot) => bot.connected);
  const snapshots = live.reduce((sum, bot) => sum + bot.snapshots / bot.seconds, 0) / Math.max(1, live.length);
  const kBps = live.reduce((sum, bot) => sum + bot.bytesDown / bot.seconds, 0) / Math.max(1, live.length) / 1024;
  const lag = readings.map((reading) => reading.loopDelayMs.p99.toFixed(0)).join("/");
  const closed = Object.entries(closedByCode(bots)).map(([why, n]) => `${n}× ${why}`).join(", ");
  return `connected ${live.length}/${bots.length}${closed ? ` (closed: ${closed})` : ""} · ${snapshots.toFixed(1)} snapshots/s and ${kBps.toFixed(1)} kB/s per bot · bot loop delay p99 ${lag} ms`;
}

/** Closed bots by close code and reason, e.g. { "4008 not reading snapshots": 3 }. */
function closedByCode(bots: readonly BotReading[]): Record<string, number> {
  const closed: Record<string, number> = {};
  for (const bot of bots) {
    if (bot.closeCode === undefined) continue;
    const why = `${bot.closeCode} ${bot.closeReason ?? ""}`.trim();
    closed[why] = (closed[why] ?? 0) + 1;
  }
  return closed;
}

function printStep(step: StepFigures): void {
  const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(digits));
  const closed = Object.entries(step.closedSoFar).map(([why, n]) => `${n}× ${why}`).join(", ") || "none";
  console.log(`\n${step.players} players, ${step.seconds.toFixed(1)} s measured:`);
  console.table({
    "bots connected": `${step.connected}/${step.players}`,
    "tick work p50 / p99 / max (ms)": `${fixed(step.tickWorkMs.p50, 0)} / ${fixed(step.tickWorkMs.p99, 0)} / ${fixed(step.tickWorkMs.max, 0)} (${step.tickWorkMs.samples} ticks)`,
    "steps the room dropped": step.droppedSteps ?? "n/a",
    "snapshots/s per bot min / median": `${fixed(step.snapshotsPerSecondPerBot.min, 2)} / ${fixed(step.snapshotsPerSecondPerBot.median, 2)}`,
    "kB/s down per bot median / max": `${fixed(step.kBpsDownPerBot.median, 2)} / ${fixed(step.kBpsDownPerBot.max, 2)}`,
    "bots closed so far (by code)": closed,
    "room process CPU % (server tree %)": `${fixed(step.roomProcessCpuPercent)} (${fixed(step.serverTreeCpuPercent)})`,
    "isolate JS heap used / total MB (largest read)": `${fixed(step.heapMB.usedMax)} / ${fixed(step.heapMB.totalMax)}`,
    "isolate JS heap used after a GC MB": fixed(step.heapMB.usedAfterGc),
    "bot processes CPU % · loop delay p99 ms": step.botProcesses.map((p) => `${fixed(p.cpuPercent, 0)} · ${fixed(p.loopDelayP99Ms, 0)}`).join(", "),
    "load average (1 min) at the end": fixed(step.loadAverage1m, 2),
  });
  console.log("(the heap is the worker's whole isolate: under wrangler dev every Durable Object shares it, so it bounds the room's from above)");
}
