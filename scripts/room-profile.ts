/**
 * Where a busy room's time goes: a CPU profile of the room's JavaScript under load.
 *
 *   flock /tmp/edgehold-cpu.lock npx tsx scripts/room-profile.ts [--players 64] [--seconds 10] [--warmup 5]
 *     [--fire 0|1] [--kind plaza] [--processes 1] [--pin 0] [--stagger 10] [--deflate 0] [--top 25] [--out room.cpuprofile]
 *     [--port 8781] [--inspector 9231]
 *
 * Starts its own `wrangler dev` with the worker's V8 inspector open, connects walking bots (firing with --fire 1;
 * in `--processes` child processes, scripts/lib/bot-fleet.ts, so the bots' work stays out of this process), and
 * after the warm-up samples the room's isolate with the inspector's profiler. Without `--kind` the bots open a
 * room by link (the default `room`); with it the room is made with `POST /api/rooms { kind }` (e.g. a 512 m
 * `plaza`, whose players are scattered). `--pin 1` runs the server on core 0 and the bots on core 1. The bots decline WebSocket compression, as the
 * shared benchmark's do (`--deflate 1` accepts it, as browsers do: the server then deflates every frame). Prints the server's CPU over the
 * same window next to the time spent in JavaScript (so what the runtime itself costs — sockets, framing, the event
 * loop — shows as the difference), then self time by source file and by function. Source files come from the
 * bundle's own `// path` comments (esbuild writes one before each module). `--out` saves the profile for Chrome's
 * DevTools (Performance → load profile). Needs sim.wasm and web/dist built (`npm run build`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./lib/args.ts";
import { BotFleet } from "./lib/bot-fleet.ts";
import { createRoom } from "./lib/crowd-room.ts";
import { Inspector } from "./lib/inspector.ts";
import { treeCpuSeconds } from "./lib/process-cpu.ts";
import { REPO_ROOT, WranglerDev } from "./lib/wrangler-dev.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { availableParallelism } from "node:os";

const args = parseArgs(process.argv.slice(2), {
  players: "64",
  seconds: "10",
  warmup: "5",
  fire: "0",
  top: "25",
  out: "",
  port: "8781",
  inspector: "9231",
  kind: "",
  processes: "1",
  pin: "0",
  stagger: "10",
  deflate: "0",
});
const players = Number(args.players);
const seconds = Number(args.seconds);
const top = Number(args.top);
/** Sampling interval (µs): fine enough for ~10 µs handlers over thousands of calls, coarse enough to cost little. */
const SAMPLE_INTERVAL_US = 250;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const startedAt = Date.now();
const pin = args.pin === "1" && availableParallelism() >= 2;
const server = await WranglerDev.start({ port: Number(args.port), inspectorPort: Number(args.inspector), ...(pin ? { cpus: "0" } : {}) });
const bots = BotFleet.start(Number(args.processes), pin ? "1" : undefined);
try {
  const room = args.kind ? (await createRoom(server.url, args.kind, "room-profile")).code : `profile-${Date.now().toString(36)}`;
  const wsBase = `ws://127.0.0.1:${server.port}/api/rooms/${room}/ws`;
  const refused = await bots.grow(players, wsBase, { staggerMs: Number(args.stagger), idPrefix: "bot", codec: "msgpack", deflate: args.deflate === "1", firing: args.fire === "1" });
  if (refused.length > 0) console.log(`${refused.length} of ${players} bots refused, e.g. ${refused[0]}`);
  await sleep(Number(args.warmup) * 1000);

  const bundle = newestBundle();
  // The server's CPU first without the profiler (which costs CPU of its own), then the profile.
  const unprofiled = await cpuPerSecond(() => sleep(seconds * 1000));
  const inspector = await Inspector.connect(Number(args.inspector));
  await inspector.call("Profiler.enable");
  await inspector.call("Profiler.setSamplingInterval", { interval: SAMPLE_INTERVAL_US });
  let profile: Profile | undefined;
  const profiled = await cpuPerSecond(async () => {
    await inspector.call("Profiler.start");
    await sleep(seconds * 1000);
    ({ profile } = (await inspector.call("Profiler.stop")) as { profile: Profile });
  });
  inspector.close();
  if (args.out) writeFileSync(args.out, JSON.stringify(profile));
  report(profile!, bundle, unprofiled, profiled);
} finally {
  await bots.stop();
  await server.stop();
}
process.exit(0);

/** The server's CPU (ms per second of wall time) while `during` runs. */
async function cpuPerSecond(during: () => Promise<void>): Promise<{ cpuMsPerSecond: number; wallSeconds: number }> {
  const cpuBefore = treeCpuSeconds(server.pid!);
  const wallBefore = performance.now();
  await during();
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  return { cpuMsPerSecond: (1000 * (treeCpuSeconds(server.pid!) - cpuBefore)) / wallSeconds, wallSeconds };
}

function report(
  profile: Profile,
  bundle: string[],
  unprofiled: { cpuMsPerSecond: number },
  profiled: { cpuMsPerSecond: number; wallSeconds: number },
): void {
  const fileAt = sourceFileIndex(bundle);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  // The profiler samples the isolate only while it is entered, once per interval: a sample stands for one interval
  // of time in it (the deltas between samples also span the time outside it, so they are not summed).
  const sampleMs = SAMPLE_INTERVAL_US / 1000;
  const selfMs = new Map<number, number>();
  for (const id of profile.samples) selfMs.set(id, (selfMs.get(id) ?? 0) + sampleMs);
  const wallSeconds = profiled.wallSeconds;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let jsMs = 0;
  let idleMs = 0;
  const fileOf = ({ callFrame: { functionName, url, lineNumber } }: ProfileNode) =>
    url ? fileAt(lineNumber) : functionName.startsWith("(") ? functionName : "(runtime API)";
  const nameOf = (node: ProfileNode) => `${node.callFrame.functionName || "(anonymous)"}  ${fileOf(node)}`;
  for (const [id, ms] of selfMs) {
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    jsMs += ms;
    byFunction.set(nameOf(node), (byFunction.get(nameOf(node)) ?? 0) + ms);
    byFile.set(fileOf(node), (byFile.get(fileOf(node)) ?? 0) + ms);
  }
  const perSecond = (ms: number) => (ms / wallSeconds).toFixed(1).padStart(7);
  const share = (ms: number) => ((100 * ms) / jsMs).toFixed(1).padStart(5);
  console.log(`\n${players} bots${args.kind ? ` in a ${args.kind}` : ""}, ${wallSeconds.toFixed(1)} s profiled after the warm-up (${((Date.now() - startedAt) / 1000).toFixed(0)} s in all)`);
  console.log(`server CPU (wrangler dev's whole process tree: workerd, its proxy, wrangler): ${unprofiled.cpuMsPerSecond.toFixed(0)} ms per second (${profiled.cpuMsPerSecond.toFixed(0)} while profiled)`);
  console.log(`busy in the room's isolate (JavaScript, GC, runtime calls made from it): ~${perSecond(jsMs).trim()} ms per second, idle while entered ~${perSecond(idleMs).trim()}`);
  console.log("the rest of the server's CPU is outside the isolate: sockets and WebSocket framing, the event loop, the proxy\n");
  console.log("self time by source file (ms per second, share of the isolate's busy time):");
  for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perSecond(ms)} ${share(ms)} %  ${file}`);
  console.log("\nself time by function:");
  for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perSecond(ms)} ${share(ms)} %  ${name}`);
  // Where a phase's time goes (the tick's step, publish, a connection's frame…): its callees' time included.
  const inclusive = inclusiveTime(profile.nodes[0]!, nodes, selfMs, nameOf);
  const ours = [...inclusive].filter(([name]) => / (worker|protocol|sim-core)\//.test(name));
  console.log("\ntotal time by function of this project, callees included (ms per second, share of the isolate's busy time):");
  for (const [name, ms] of ours.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perSecond(ms)} ${share(ms)} %  ${name}`);
}

/** Each function's time with its callees' (`name` → ms; a function on the stack twice is counted once). */
function inclusiveTime(root: ProfileNode, nodes: Map<number, ProfileNode>, selfMs: Map<number, number>, name: (node: ProfileNode) => string): Map<string, number> {
  const totals = new Map<string, number>();
  const onStack = new Set<string>();
  const walk = (node: ProfileNode): number => {
    const key = name(node);
    const outermost = !onStack.has(key);
    if (outermost) onStack.add(key);
    let ms = selfMs.get(node.id) ?? 0;
    for (const child of node.children ?? []) ms += walk(nodes.get(child)!);
    if (outermost) {
      onStack.delete(key);
      totals.set(key, (totals.get(key) ?? 0) + ms);
    }
    return ms;
  };
  walk(root);
  return totals;
}

/** Line (0-based, as the profile counts) → the source file esbuild's `// path` comment above it names. */
function sourceFileIndex(bundle: string[]): (line: number) => string {
  const starts: { line: number; file: string }[] = [];
  bundle.forEach((text, line) => {
    const match = /^\/\/ ((?:node_modules|worker|protocol|sim-core|web)\/\S+)$/.exec(text);
    if (match) starts.push({ line, file: match[1]! });
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = "(bundle)";
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.file;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

/** The bundle wrangler dev is serving: the newest .wrangler/tmp/dev-*\/index.js. */
function newestBundle(): string[] {
  const tmp = join(REPO_ROOT, ".wrangler", "tmp");
  const candidates = readdirSync(tmp)
    .filter((name) => name.startsWith("dev-"))
    .map((name) => join(tmp, name, "index.js"))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) throw new Error(`no wrangler dev bundle under ${tmp}`);
  return readFileSync(candidates[0]!, "utf8").split("\n");
}
