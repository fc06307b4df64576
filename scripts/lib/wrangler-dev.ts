import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_ADMIN_TOKEN } from "./dev-admin-token.ts";

/** The repository root (this file is scripts/lib/wrangler-dev.ts). */
export const REPO_ROOT = join(import.meta.dirname, "..", "..");

export interface WranglerDevOptions {
  port: number;
  /** Durable Object state directory; a fresh temp dir (removed on stop) when omitted. */
  persistTo?: string;
  /** How long to wait for /api/health. wrangler dev starts in ~2 s offline; a cold 2-core CI box can take 20+. */
  startTimeoutMs?: number;
  /**
   * Run at this niceness (via `nice`, which execs wrangler, so the pid and SIGINT still reach wrangler itself).
   * For measurements of the page: the server stands in for Cloudflare's edge, not for work on the player's machine.
   */
  nice?: number;
  /**
   * Pin wrangler and its workerd to these CPUs (`taskset -c`, which execs wrangler, so the pid stays wrangler's), as
   * the shared benchmark's compare.sh does: the server on one core, its load on the other.
   */
  cpus?: string;
  /** Extra vars for the worker (`--var KEY:VALUE`), e.g. a short IDLE_TIMEOUT_MS for a test. */
  vars?: Record<string, string>;
  /** Another wrangler config (relative to the repository root) than ./wrangler.toml, e.g. a bench's worker. */
  config?: string;
  /** Open the worker's V8 inspector on this port (a profiler attaches there; see scripts/room-profile.ts). */
  inspectorPort?: number;
}

/**
 * A running `wrangler dev` for scripts and end-to-end tests: the real binary (node_modules/.bin/wrangler, not npx,
 * since killing npx orphans the worker), on loopback, ready once /api/health answers; stopped with SIGINT like a
 * developer's Ctrl-C, SIGKILL only if it hangs. Expects sim.wasm and web/dist to be built.
 */
export class WranglerDev {
  readonly port: number;
  readonly persistTo: string;
  private readonly ownsPersistDir: boolean;
  private child: ChildProcess | undefined;
  private output = "";

  private constructor(options: WranglerDevOptions) {
    this.port = options.port;
    this.ownsPersistDir = options.persistTo === undefined;
    this.persistTo = options.persistTo ?? mkdtempSync(join(tmpdir(), "edgehold-wrangler-"));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The wrangler process (its workerd is a descendant), e.g. to read the server's CPU time from /proc. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything wrangler printed so far (for error messages). */
  get log(): string {
    return this.output;
  }

  static async start(options: WranglerDevOptions): Promise<WranglerDev> {
    const dev = new WranglerDev(options);
    try {
      await dev.spawn(options);
    } catch (error) {
      await dev.stop();
      throw error;
    }
    return dev;
  }

  async stop(timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    if (this.ownsPersistDir) rmSync(this.persistTo, { recursive: true, force: true });
  }

  private async spawn({ startTimeoutMs: timeoutMs = 60_000, nice, cpus, vars = {}, config, inspectorPort }: WranglerDevOptions): Promise<void> {
    const wrangler = join(REPO_ROOT, "node_modules", ".bin", "wrangler");
    // Dev mode and the local admin token (room diagnostics for the benches) are chosen explicitly, as `npm run dev` does.
    const args = ["dev", "--ip", "127.0.0.1", "--port", String(this.port), "--persist-to", this.persistTo, "--var", "AUTH_MODE:dev", "--var", `ADMIN_TOKEN:${DEV_ADMIN_TOKEN}`];
    for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
    if (config !== undefined) args.push("--config", config);
    if (inspectorPort !== undefined) args.push("--inspector-port", String(inspectorPort));
    let [command, commandArgs] = nice === undefined ? [wrangler, args] : ["nice", ["-n", String(nice), wrangler, ...args]];
    if (cpus !== undefined) [command, commandArgs] = ["taskset", ["-c", cpus, command, ...commandArgs]];
    // Not vitest's NODE_ENV=test: wrangler builds it into the worker, and @clerk/backend then calls an unbound `fetch`
    // (workerd: "Illegal invocation"). Without it wrangler uses "development", as on a developer's machine.
    const { NODE_ENV: _vitestNodeEnv, ...parentEnv } = process.env;
    const child = spawn(command, commandArgs, {
      cwd: REPO_ROOT,
      env: { ...parentEnv, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    // If this process dies first (an uncaught error), do not leave the server running: nobody would stop it.
    const killOnExit = () => child.kill("SIGINT");
    process.once("exit", killOnExit);
    child.once("exit", () => process.removeListener("exit", killOnExit));
    child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early (code ${child.exitCode}):\n${this.output}`);
      let health: Response | undefined;
      try {
        health = await fetch(`${this.url}/api/health`);
      } catch {
        // Not listening yet.
      }
      if (health?.ok) return;
      // Up but refusing: auth is not configured (e.g. a .dev.vars with a Clerk key but no CLERK_AUTHORIZED_PARTIES).
      if (health?.status === 503) throw new Error(`wrangler dev answers 503: ${await health.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`wrangler dev did not answer ${this.url}/api/health within ${timeoutMs} ms:\n${this.output}`);
  }
}
