/**
 * The runtime's floor, and our room's CPU against it: most of a busy room's CPU under `wrangler dev` is the
 * runtime's own per-frame work (sockets, framing, the event loop), not our code. This measures that floor with the
 * same bots and the same `wrangler dev`, so a room's cost can be stated as a multiple of it.
 *
 *   flock /tmp/edgehold-ports.lock npx tsx scripts/floor-bench.ts --bench /tmp/bench [--counts 16,64,128]
 *     [--seconds 15] [--warmup 3] [--port 8787] [--pin 1]
 *
 * `--bench`: a copy of the shared benchmark with its dependencies installed (`cp -r …/bench /tmp/bench && cd
 * /tmp/bench && npm ci`). Its bots (`bots.mjs --target ours --ack-tick`, as its compare.sh runs them against this
 * project) load two servers in turn, each a ramp through the counts in one room:
 *  1. our worker: the room's process CPU (the workerd that runs the Durable Objects, not wrangler's proxy) and the
 *     mean snapshot frame each bot received;
 *  2. the echo worker (worker/bench/floor-echo-worker.ts): a Durable Object that accepts the sockets as the room does,
 *     only counts inbound bytes, and sends each connection every 100 ms one pre-built frame of the size measured in
 *     step 1 at that count.
 * Prints, per count, our room's CPU, the echo's, and their ratio. With `--pin 1` (the default, on 2+ cores) the
 * server runs on core 0 and the bots on core 1, as compare.sh; other load on the machine still shows in both runs.
 * Needs sim.wasm and web/dist built (`npm run build`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "./lib/args.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";

const args = parseArgs(process.argv.slice(2), { bench: "", counts: "16,64,128", seconds: "15", warmup: "3", port: "8787", pin: "1" });
if (!args.bench) fail("--bench <dir>: a copy of the shared benchmark with `npm ci` run in it");
const bench = resolve(args.bench);
if (!existsSync(join(bench, "bots.mjs")) || !existsSync(join(bench, "node_modules", "ws"))) {
  fail(`${bench} is not a prepared copy of the shared benchmark (bots.mjs and node_modules/ws expected; run npm ci there)`);
}
const counts = args.counts!.split(",").map(Number);
const pin = args.pin === "1" && availableParallelism() >= 2;

/** One bots.mjs step, as its JSON reports it (the fields used here). */
interface BotStep {
  players: number;
  connected: number;
  roomProcessCpuPercent: number | null;
  serverCpuPercent: number | null;
  snapshotsPerSecPerBot: { mean: number };
  snapshotPayloadBytesMean: number | null;
  framesPerSecPerBot: number;
  botLoopLagP99Ms: number;
  valid: boolean;
  notes: string[];
}

const work = mkdtempSync(join(tmpdir(), "edgehold-floor-"));
try {
  const ours = await load("ours", {});
  const sizes = ours.map((step) => `${step.players}:${Math.round(step.snapshotPayloadBytesMean ?? 0)}`).join(",");
  const echo = await load("echo", { config: "worker/bench/floor-echo.wrangler.toml", vars: { FLOOR_FRAME_BYTES: sizes } });
  report(ours, echo);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);

/** Starts `wrangler dev` (our worker, or another config), runs the bots' ramp against it, stops it. */
async function load(name: string, server: { config?: string; vars?: Record<string, string> }): Promise<BotStep[]> {
  const dev = await WranglerDev.start({ port: Number(args.port), ...server, ...(pin ? { cpus: "0" } : {}) });
  try {
    const out = join(work, `${name}.json`);
    const botArgs = [join(bench, "bots.mjs"), "--target", "ours", "--ack-tick", "--url", dev.url, "--room", `floor-${name}-${Date.now().toString(36)}`];
    botArgs.push("--ramp", counts.join(","), "--no-stop", "--seconds", args.seconds!, "--warmup", args.warmup!, "--server-pid", String(dev.pid), "--json-out", out);
    const [command, commandArgs] = pin ? ["taskset", ["-c", "1", process.execPath, ...botArgs]] : [process.execPath, botArgs];
    console.error(`[floor] ${name}: ${counts.join(", ")} bots, ${args.seconds} s each${pin ? " (server on core 0, bots on core 1)" : ""}`);
    await new Promise<void>((done, failed) => {
      const bots = spawn(command, commandArgs, { cwd: bench, stdio: ["ignore", "ignore", "inherit"] });
      bots.once("error", failed);
      bots.once("exit", (code) => (code === 0 ? done() : failed(new Error(`bots.mjs against ${name} exited with ${code}`))));
    });
    return (JSON.parse(readFileSync(out, "utf8")) as { steps: BotStep[] }).steps;
  } finally {
    await dev.stop();
  }
}

function report(ours: BotStep[], echo: BotStep[]): void {
  console.log("\nroom process CPU under wrangler dev (100 % = one core), same bots, same frame sizes:");
  const rows = counts.map((players) => {
    const o = ours.find((step) => step.players === players);
    const e = echo.find((step) => step.players === players);
    const ratio = o?.roomProcessCpuPercent && e?.roomProcessCpuPercent ? o.roomProcessCpuPercent / e.roomProcessCpuPercent : undefined;
    return {
      players,
      "our room CPU %": o?.roomProcessCpuPercent?.toFixed(1) ?? "n/a",
      "echo CPU %": e?.roomProcessCpuPercent?.toFixed(1) ?? "n/a",
      "ratio (ours / echo)": ratio?.toFixed(2) ?? "n/a",
      "frame B": Math.round(o?.snapshotPayloadBytesMean ?? 0),
      "frames/s/bot ours · echo": `${o?.framesPerSecPerBot.toFixed(1) ?? "n/a"} · ${e?.framesPerSecPerBot.toFixed(1) ?? "n/a"}`,
      "whole server CPU % ours · echo": `${o?.serverCpuPercent?.toFixed(0) ?? "n/a"} · ${e?.serverCpuPercent?.toFixed(0) ?? "n/a"}`,
    };
  });
  console.table(rows);
  for (const [name, steps] of [["ours", ours], ["echo", echo]] as const) {
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
