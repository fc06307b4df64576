import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";
import { REPO_ROOT } from "../../scripts/lib/wrangler-dev.ts";

/** A cold wrangler dev on a busy 2-core box can take 20+ s to answer. */
const START_TIMEOUT_MS = 60_000;

interface DevRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `npm run dev` exactly as a developer types it, in its own process group so the test can press Ctrl-C (SIGINT to
 * the whole group, as a terminal does). EDGEHOLD_SKIP_BUILD: `npm test` built everything already.
 */
function npmRunDev(args: string[], env: Record<string, string>, persistTo: string): DevRun {
  const child = spawn("npm", ["run", "dev", "--", ...args, "--persist-to", persistTo], {
    cwd: REPO_ROOT,
    env: { ...process.env, EDGEHOLD_SKIP_BUILD: "1", CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function health(port: number): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function pressCtrlC(run: DevRun): Promise<void> {
  if (run.child.exitCode === null) process.kill(-run.child.pid!, "SIGINT");
  await run.exited;
}

describe("npm run dev picks its port", () => {
  let run: DevRun | undefined;
  const persistTo = mkdtempSync(join(tmpdir(), "edgehold-dev-script-"));

  afterEach(async () => {
    if (run) await pressCtrlC(run);
    run = undefined;
  });

  for (const how of ["--port N", "PORT=N"] as const) {
    it(`serves the API on the port chosen with ${how}, and stops on Ctrl-C`, async () => {
      const port = await freePort();
      run = how === "--port N" ? npmRunDev(["--port", String(port)], {}, persistTo) : npmRunDev([], { PORT: String(port) }, persistTo);
      const current = run;
      await expect
        .poll(async () => (current.child.exitCode === null ? await health(port) : current.output()), { timeout: START_TIMEOUT_MS, interval: 250 })
        .toMatchObject({ ok: true, auth: { mode: "dev" } });
      await pressCtrlC(current);
      run = undefined;
      // Ctrl-C took wrangler down with it: nothing answers on the port any more.
      expect(await health(port)).toBeUndefined();
    });
  }

  it("rejects a port that is not a number with one clear line", async () => {
    run = npmRunDev(["--port", "90000"], {}, persistTo);
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('--port/PORT must be a port number (1-65535), got "90000"');
    run = undefined;
    rmSync(persistTo, { recursive: true, force: true });
  });
});
