import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Codec } from "@edgehold/protocol";
import { REPO_ROOT } from "./wrangler-dev.ts";

/** What one bot measured since the last reset (Bot's own counters), and how it stands. */
export interface BotReading {
  snapshots: number;
  bytesDown: number;
  connected: boolean;
  closeCode?: number;
  closeReason?: string;
}

/** One bot process's reading: its bots in the order they joined, its own CPU and event-loop delay since the reset. */
export interface ProcessReading {
  seconds: number;
  bots: BotReading[];
  /** 100 = one core. */
  cpuPercent: number;
  loopDelayMs: { p99: number; max: number };
  /** Error envelopes its bots received (the whole run), by code. */
  errorCodes: Record<string, number>;
}

/** What the parent asks of a bot process (scripts/lib/bot-fleet-process.ts answers). */
export type FleetOrder =
  | { op: "join"; wsBase: string; idPrefix: string; codec: Codec; deflate: boolean; firing: boolean; inFlight: number; bots: { index: number; delayMs: number }[] }
  | { op: "reset" }
  | { op: "read" }
  | { op: "stop" };
export type FleetRequest = FleetOrder & { id: number };
export interface FleetAnswer {
  id: number;
  error?: string;
  failures?: string[];
  reading?: ProcessReading;
}

/**
 * Joins waiting for their welcome at once, at most (over all processes), as the shared benchmark's bots: under
 * `wrangler dev` a join costs the room and wrangler's own process (which handles every upgrade) far more than a
 * player's frames, and a schedule that outruns them queues upgrades until the room stalls for seconds and its
 * frame limits close the bots already in (4008).
 */
export const JOINS_IN_FLIGHT = 8;

/**
 * Bots (scripts/lib/bot.ts) spread over child processes, for crowds one Node process cannot drive: each process
 * decodes every snapshot its bots receive and samples, batches and sends their inputs, which for ~1,000 bots is
 * about a core's work. Bot n goes to process n mod `processes`, so every process holds a like share of the crowd.
 */
export class BotFleet {
  private joined = 0;

  private constructor(private readonly processes: FleetProcess[]) {}

  /**
   * Starts `processes` bot processes, each pinned to `cpus` (`taskset -c`) when
   * given: e.g. "1" keeps the crowd off core 0, where the server runs.
   */
  static start(processes: number, cpus?: string): BotFleet {
    return new BotFleet(Array.from({ length: processes }, () => new FleetProcess(cpus)));
  }

  /** Bots asked to join so far. */
  get size(): number {
    return this.joined;
  }

  /**
   * Brings the crowd to `players` bots, each arriving `staggerMs` after the one before (real arrivals are spread;
   * a burst measures the join, not the play) and no more than `inFlight` (JOINS_IN_FLIGHT) joining at once, and
   * resolves once every one has its welcome or was refused. Returns
   * why the refused ones were (e.g. "closed before the welcome: 4003 room full"). `deflate: false` declines WebSocket
   * compression (see Bot); `firing` makes every new bot shoot at whoever is near (Bot.setFiring).
   */
  async grow(players: number, wsBase: string, options: { staggerMs: number; idPrefix: string; codec: Codec; deflate: boolean; firing?: boolean; inFlight?: number }): Promise<string[]> {
    const shares = this.processes.map(() => [] as { index: number; delayMs: number }[]);
    for (let index = this.joined; index < players; index++) {
      shares[index % this.processes.length]!.push({ index, delayMs: (index - this.joined) * options.staggerMs });
    }
    this.joined = Math.max(this.joined, players);
    const answers = await Promise.all(
      this.processes.map((process, i) => process.request({ op: "join", wsBase, idPrefix: options.idPrefix, codec: options.codec, deflate: options.deflate, firing: options.firing ?? false, inFlight: Math.ceil((options.inFlight ?? JOINS_IN_FLIGHT) / this.processes.length), bots: shares[i]! })),
    );
    return answers.flatMap((answer) => answer.failures ?? []);
  }

  /** Every bot forgets what it measured (the warm-up, the previous step); each process restarts its own clocks. */
  async reset(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.request({ op: "reset" })));
  }

  /** Every process's reading since the reset. */
  async read(): Promise<ProcessReading[]> {
    return (await Promise.all(this.processes.map((process) => process.request({ op: "read" })))).map((answer) => answer.reading!);
  }

  /** Closes every bot (1000) and waits for the processes to leave (killed after `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.processes.map((process) => process.stop(timeoutMs)));
  }
}

/** One child process of the fleet and its request/answer channel. */
class FleetProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (answer: FleetAnswer) => void; reject: (error: Error) => void }>();

  constructor(cpus: string | undefined) {
    // Under tsx (resolved from the repository, whoever starts the fleet: a script under tsx, or a test).
    const entry = ["--import", "tsx", join(import.meta.dirname, "bot-fleet-process.ts")];
    const [command, args] = cpus === undefined ? [process.execPath, entry] : ["taskset", ["-c", cpus, process.execPath, ...entry]];
    this.child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (answer: FleetAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (answer.error !== undefined) waiting?.reject(new Error(`bot process ${this.child.pid}: ${answer.error}`));
      else waiting?.resolve(answer);
    });
    this.child.once("exit", (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`bot process ${this.child.pid} exited (${signal ?? code})`));
      this.pending.clear();
    });
    // If this process dies first (an uncaught error), do not leave the bots running: nobody would stop them.
    const killOnExit = () => this.child.kill();
    process.once("exit", killOnExit);
    this.child.once("exit", () => process.removeListener("exit", killOnExit));
  }

  request(order: FleetOrder): Promise<FleetAnswer> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...order, id } satisfies FleetRequest);
    });
  }

  async stop(timeoutMs: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.request({ op: "stop" }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
