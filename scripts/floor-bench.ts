/**
 * The runtime's floor, and our room's CPU against it and against Colyseus: most of a busy room's CPU under
 * `wrangler dev` is the runtime's own per-frame work (sockets, framing, the event loop), not our code. This measures
 * that floor with the same bots and the same `wrangler dev`, so a room's cost can be stated as a multiple of it, and
 * runs the shared benchmark's Colyseus room under the same bots in the same run.
 *
 *   flock /tmp/edgehold-cpu.lock npx tsx scripts/floor-bench.ts --bench /tmp/bench [--counts 16,64,128]
 *     [--kind plaza --world 512 --spawn scatter] [--colyseus 1] [--seconds 15] [--warmup 3] [--port 8787]
 *     [--colyseus-port 2567] [--pin 1]
 *
 * `--bench`: a copy of the shared benchmark with its dependencies installed (`cp -r …/bench /tmp/bench && cd
 * /tmp/bench && npm ci`). Its bots (`bots.mjs --ack-tick`, as its compare.sh runs them against this project) load
 * three servers in turn, each a ramp through the counts in one room:
 *  1. our worker: the room's process CPU (the workerd that runs the Durable Objects, not wrangler's proxy) and the
 *     mean snapshot frame each bot received. With `--kind K` the bots make the room with `POST /api/rooms { kind }`
 *     (e.g. a `plaza`: 512 m, players scattered as they join, each sent what is within its view); without it they
 *     open a room by link (the default `room`: 128 m, everyone gets everything);
 *  2. the echo worker (worker/bench/floor-echo-worker.ts): a Durable Object that accepts the sockets as the room does,
 *     only counts inbound bytes, and sends each connection every 100 ms one pre-built frame of the size measured in
 *     step 1 at that count;
 *  3. with `--colyseus 1` (the default), the benchmark's Colyseus 0.17 room (colyseus-server/server.mjs, one Node
 *     process), with `--world`/`--spawn` as its room options (compare.sh's): the same workload in the framework
 *     people would otherwise use, which sends every player everything.
 * Prints, per count, our room's CPU, the echo's and Colyseus's, and the ratios. With `--pin 1` (the default, on 2+
 * cores) each server runs on core 0 and the bots on core 1, as compare.sh; other load on the machine still shows in
 * every run. Needs sim.wasm and web/dist built (`npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "./lib/args.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";

const args = parseArgs(process.argv.slice(2), {
  bench: "",
  counts: "16,64,128",
  seconds: "15",
  warmup: "3",
  port: "8787",
  pin: "1",
  kind: "",
  world: "",
  spawn: "",
  colyseus: "1",
  "colyseus-port": "2567",
});
if (!args.bench) fail("--bench <dir>: a copy of the shared benchmark with `npm ci` run in it");
const bench = resolve(args.bench);
if (!existsSync(join(bench, "bots.mjs")) || !existsSync(join(bench, "node_modules", "ws"))) {
  fail(`${bench} is not a prepared copy of the shared benchmark (bots.mjs and node_modules/ws expected; run npm ci there)`);
}
const counts = args.counts!.split(",").map(Number);
const pin = args.pin === "1" && availableParallelism() >= 2;
/** The workload's layout, for the bots of every run (Colyseus's room takes it; ours records it, its kind decides). */
const layout = [...(args.world ? ["--world", args.world] : []), ...(args.spawn ? ["--spawn", args.spawn] : [])];
/** How long Colyseus gets to answer its health check after it starts. */
const COLYSEUS_START_TIMEOUT_MS = 30_000;

/** One bots.mjs step, as its JSON reports it (the fields used here). */
interface BotStep {
  players: number;
  connected: number;
  roomProcessCpuPercent: number | null;
  serverCpuPercent: number | null;
  snapshotsPerSecPerBot: { mean: number };
  snapshotPayloadBytesMean: number | null;
  downBytesPerSecPerBot: number;
  framesPerSecPerBot: number;
  botLoopLagP99Ms: number;
  botCpuPercent: number;
  valid: boolean;
  notes: string[];
}

const work = mkdtempSync(join(tmpdir(), "edgehold-floor-"));
try {
  const ours = await loadOurs("ours", args.kind ? ["--kind", args.kind] : [], {});
  const sizes = ours.map((step) => `${step.players}:${Math.round(step.snapshotPayloadBytesMean ?? 0)}`).join(",");
  const echo = await loadOurs("echo", [], { config: "worker/bench/floor-echo.wrangler.toml", vars: { FLOOR_FRAME_BYTES: sizes } });
  const colyseus = args.colyseus === "1" ? await loadColyseus() : [];
  report({ ours, echo, colyseus });
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);

/** Starts `wrangler dev` (our worker, or another config), runs the bots' ramp against it, stops it. */
async function loadOurs(name: string, roomArgs: string[], server: { config?: string; vars?: Record<string, string> }): Promise<BotStep[]> {
  const dev = await WranglerDev.start({ port: Number(args.port), ...server, ...(pin ? { cpus: "0" } : {}) });
  try {
    const room = roomArgs.length > 0 ? [] : ["--room", `floor-${name}-${Date.now().toString(36)}`];
    return await runBots(name, ["--target", "ours", "--ack-tick", "--url", dev.url, ...room, ...roomArgs, "--server-pid", String(dev.pid)]);
  } finally {
    await dev.stop();
  }
}

/** Starts the benchmark's Colyseus server (on core 0 when pinned), runs the bots' ramp against it, stops it. */
async function loadColyseus(): Promise<BotStep[]> {
  const port = Number(args["colyseus-port"]);
  const serverArgs = [join(bench, "colyseus-server", "server.mjs"), "--port", String(port), "--log-every", "0"];
  const [command, commandArgs] = pin ? ["taskset", ["-c", "0", process.execPath, ...serverArgs]] : [process.execPath, serverArgs];
  const server = spawn(command, commandArgs, { cwd: bench, stdio: ["ignore", "ignore", "inherit"] });
  const killOnExit = () => server.kill();
  process.once("exit", killOnExit);
  try {
    await waitForHealth(`http://127.0.0.1:${port}/bench/health`, server);
    return await runBots("colyseus", ["--target", "colyseus", "--url", `http://127.0.0.1:${port}`, "--room", `floor-${Date.now().toString(36)}`, "--server-pid", String(server.pid)]);
  } finally {
    process.removeListener("exit", killOnExit);
    if (server.exitCode === null) {
      const exited = new Promise((done) => server.once("exit", done));
      server.kill("SIGINT");
      await exited;
    }
  }
}

/** One bots.mjs ramp through the counts (every count, even after an overrun), its bots on core 1 when pinned. */
async function runBots(name: string, targetArgs: string[]): Promise<BotStep[]> {
  const out = join(work, `${name}.json`);
  const botArgs = [join(bench, "bots.mjs"), ...targetArgs, ...layout];
  botArgs.push("--ramp", counts.join(","), "--no-stop", "--seconds", args.seconds!, "--warmup", args.warmup!, "--json-out", out);
  const [command, commandArgs] = pin ? ["taskset", ["-c", "1", process.execPath, ...botArgs]] : [process.execPath, botArgs];
  console.error(`[floor] ${name}: ${counts.join(", ")} bots, ${args.seconds} s each${pin ? " (server on core 0, bots on core 1)" : ""}`);
  await new Promise<void>((done, failed) => {
    const bots = spawn(command, commandArgs, { cwd: bench, stdio: ["ignore", "ignore", "inherit"] });
    bots.once("error", failed);
    bots.once("exit", (code) => (code === 0 ? done() : failed(new Error(`bots.mjs against ${name} exited with ${code}`))));
  });
  return (JSON.parse(readFileSync(out, "utf8")) as { steps: BotStep[] }).steps;
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + COLYSEUS_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the Colyseus server exited (${server.exitCode}) before ${url} answered`);
    const answered = await fetch(url).then((response) => response.ok, () => false);
    if (answered) return;
    await sleep(250);
  }
  throw new Error(`the Colyseus server did not answer ${url} within ${COLYSEUS_START_TIMEOUT_MS} ms`);
}

function report(runs: { ours: BotStep[]; echo: BotStep[]; colyseus: BotStep[] }): void {
  const workload = args.kind ? `a ${args.kind} (bots: ${layout.join(" ") || "default layout"})` : "a room";
  console.log(`\nroom process CPU under the same bots, ${workload} (100 % = one core); the echo sends our room's mean frame size:`);
  const cpu = (step: BotStep | undefined) => step?.roomProcessCpuPercent ?? undefined;
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : "n/a");
  const rows = counts.map((players) => {
    const [o, e, c] = [runs.ours, runs.echo, runs.colyseus].map((steps) => steps.find((step) => step.players === players));
    const kBps = (step: BotStep | undefined) => (step ? (step.downBytesPerSecPerBot / 1000).toFixed(1) : "n/a");
    return {
      players,
      "our room CPU %": cpu(o)?.toFixed(1) ?? "n/a",
      "echo CPU %": cpu(e)?.toFixed(1) ?? "n/a",
      "ours / echo": ratio(cpu(o), cpu(e)),
      ...(args.colyseus === "1" ? { "Colyseus CPU %": `${cpu(c)?.toFixed(1) ?? "n/a"}${c && !c.valid ? "*" : ""}`, "ours / Colyseus": ratio(cpu(o), cpu(c)) } : {}),
      "frame B ours": Math.round(o?.snapshotPayloadBytesMean ?? 0),
      "frames/s/bot ours · echo": `${o?.framesPerSecPerBot.toFixed(1) ?? "n/a"} · ${e?.framesPerSecPerBot.toFixed(1) ?? "n/a"}`,
      ...(args.colyseus === "1" ? { "down kB/s/bot ours · Colyseus": `${kBps(o)} · ${kBps(c)}` } : {}),
      "whole server CPU % ours · echo": `${o?.serverCpuPercent?.toFixed(0) ?? "n/a"} · ${e?.serverCpuPercent?.toFixed(0) ?? "n/a"}`,
      "bots' CPU %": [o, e, ...(args.colyseus === "1" ? [c] : [])].map((step) => step?.botCpuPercent.toFixed(0) ?? "n/a").join(" · "),
    };
  });
  console.table(rows);
  if (runs.colyseus.some((step) => !step.valid)) console.log("* Colyseus's bots saturated their core at that count (the bench marks the step invalid)");
  for (const [name, steps] of Object.entries(runs)) {
    for (const step of steps) {
      const problems = [
        ...(step.valid ? [] : [`bots saturated (event-loop lag p99 ${step.botLoopLagP99Ms} ms): discard this step`]),
        ...(step.connected < step.players ? [`${step.connected} of ${step.players} bots connected`] : []),
        ...(step.snapshotsPerSecPerBot.mean < 9 ? [`${step.snapshotsPerSecPerBot.mean} frames/s per bot, not 10`] : []),
        ...step.notes.filter((note) => !note.startsWith("no input->ack samples")),
      ];
      if (problems.length > 0) console.log(`note (${name}, ${step.players} bots): ${problems.join("; ")}`);
    }
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
