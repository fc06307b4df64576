/**
 * A plaza under the shared benchmark's bots with the room's workerd alone on core 0 and the bots talking to it
 * directly, without wrangler dev's proxy in the path: the nearest this 2-core machine comes to a room with a core of
 * its own, as on Cloudflare's edge (compare.sh pins the room, the dev proxy's workerd and wrangler to one core).
 *
 *   flock /tmp/edgehold-cpu.lock npx tsx scripts/plaza-direct.ts --bench /tmp/bench [--ramp 256,512] [--seconds 15]
 *     [--port 8795]
 *
 * --bench: a copy of the shared benchmark with `npm ci` run in it (its bots.mjs drives the crowd). Needs sim.wasm and
 * web/dist built (`npm run build`). Starts its own `wrangler dev`, finds the port of the workerd that runs the worker
 * (the one wrangler's proxy forwards to), pins that workerd to core 0 and the proxy, wrangler and the bots to core 1,
 * makes a plaza with `POST /api/rooms`, then runs `bots.mjs --target ours --ack-tick` into it. Every 5 s it prints the
 * room's tick work (p50/p99/max of its last 300 ticks), players and dropped steps from the admin API; the bots print
 * their own table (snapshots/s, bytes, acks, the room's CPU).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "./lib/args.ts";
import { createRoom } from "./lib/crowd-room.ts";
import { workerdProcesses } from "./lib/process-cpu.ts";
import { fetchRoomStats } from "./lib/room-stats.ts";
import { WranglerDev } from "./lib/wrangler-dev.ts";

const args = parseArgs(process.argv.slice(2), { bench: "", ramp: "256,512", seconds: "15", port: "8795" });
const botsScript = join(args.bench!, "bots.mjs");
if (!existsSync(botsScript)) {
  console.error("--bench must name a copy of the shared benchmark (with bots.mjs), npm ci run in it");
  process.exit(2);
}

/** Pins every thread of process `pid` to `cpus` (taskset -a: workerd's I/O threads too). */
function pin(pid: number, cpus: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}

/** The loopback port of the room's workerd that answers the worker's own routes (it listens on a few). */
async function workerPort(pid: number): Promise<number> {
  const listening = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(`pid=${pid},`))
    .flatMap((line) => [...line.matchAll(/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1])));
  for (const port of listening) {
    const health = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (health?.ok) return port;
  }
  throw new Error(`no port of workerd ${pid} answers /api/health`);
}

const server = await WranglerDev.start({ port: Number(args.port) });
let poll: ReturnType<typeof setInterval> | undefined;
try {
  const { proxy, room } = workerdProcesses(server.pid!, server.port);
  if (room.length !== 1) throw new Error(`expected one room workerd under wrangler dev, found ${room.length}`);
  const roomPid = room[0]!.pid;
  const base = `http://127.0.0.1:${await workerPort(roomPid)}`;
  pin(roomPid, "0");
  for (const process of proxy) pin(process.pid, "1");
  pin(server.pid!, "1");
  const { code } = await createRoom(base, "plaza", "bench-owner");
  console.log(`plaza ${code}: the room's workerd (pid ${roomPid}) alone on core 0 at ${base}; proxy, wrangler and bots on core 1`);

  poll = setInterval(() => {
    fetchRoomStats(base, code)
      .then(({ players, tickWorkMs: t, droppedSteps }) =>
        console.log(`${new Date().toISOString().slice(11, 19)} room: ${players} players, tick work p50/p99/max ${t.p50}/${t.p99}/${t.max} ms, ${droppedSteps} steps dropped so far`),
      )
      .catch((error: unknown) => console.log(`room stats: ${String(error)}`));
  }, 5000);

  const botArgs = [botsScript, "--target", "ours", "--url", base, "--room", code, "--ack-tick", "--world", "512", "--spawn", "scatter"];
  botArgs.push("--ramp", args.ramp!, "--seconds", args.seconds!, "--server-pid", String(roomPid));
  const bots = spawn("taskset", ["-c", "1", process.execPath, ...botArgs], { stdio: ["ignore", "pipe", "inherit"] });
  // The bench's machine-readable line is long and for its own report: the rest is the run as it goes.
  for await (const line of createInterface({ input: bots.stdout! })) if (!line.startsWith("BENCH_JSON")) console.log(line);
  const exitCode = await new Promise<number | null>((resolve) => (bots.exitCode !== null ? resolve(bots.exitCode) : bots.once("exit", resolve)));
  process.exitCode = exitCode ?? 1;
} finally {
  clearInterval(poll);
  await server.stop();
}
