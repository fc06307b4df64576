import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WranglerDev } from "../lib/wrangler-dev.ts";
import { runScript } from "./support/run-script.ts";
import type { StepResult } from "../lib/loadtest-report.ts";

/** The port this test's `wrangler dev` listens on (E2E_PORT, as the page tests' do; 8931 otherwise). */
const PORT = Number(process.env.E2E_PORT ?? 8931);

/** Runs `npm run loadtest -- …args` to completion: its exit code and what it printed. */
const loadtest = (args: string[]) => runScript("scripts/loadtest.ts", args);

const spreadShape = { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) };

describe("npm run loadtest against a real wrangler dev", () => {
  let dev: WranglerDev;
  const dir = mkdtempSync(join(tmpdir(), "edgehold-loadtest-"));
  beforeAll(async () => {
    dev = await WranglerDev.start({ port: PORT, vars: { AUTH_MODE: "dev" } });
  }, 120_000);
  afterAll(async () => {
    await dev?.stop();
  });

  it("prints the progress line and the table, and writes the contract's JSON", async () => {
    const out = join(dir, "out.json");
    const run = await loadtest(["--url", dev.url, "--kind", "room", "--players", "6", "--seconds", "3", "--json", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[step 1\/1 · 3\/3 s\] connected 6\/6 {2}snapshots\/s \d+ {2}kB\/s [\d.]+ {2}errors 0/);
    expect(run.stdout).toContain("input → applied ms");
    const result = JSON.parse(readFileSync(out, "utf8")) as StepResult;
    expect(result).toEqual({
      players: 6,
      seconds: 3,
      rttMs: spreadShape,
      inputToAppliedMs: spreadShape,
      snapshotIntervalMs: spreadShape,
      kBpsDownPerClient: spreadShape,
      closes: {},
      ok: true,
    });
    // 10 snapshots a second: ~100 ms apart; every client got some bytes.
    expect(result.snapshotIntervalMs.p50).toBeGreaterThan(50);
    expect(result.snapshotIntervalMs.p50).toBeLessThan(200);
    expect(result.kBpsDownPerClient.p50).toBeGreaterThan(0);
    expect(result.rttMs.max).toBeGreaterThan(0);
  }, 60_000);

  it("ramps in steps (a JSON array) and exits 1 when a threshold is missed", async () => {
    const out = join(dir, "ramp.json");
    const run = await loadtest(["--url", dev.url, "--kind", "room", "--ramp", "2,4", "--seconds", "2", "--json", out, "--max-p99-ms", "0.001"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missed: 2 players, 4 players/);
    const steps = JSON.parse(readFileSync(out, "utf8")) as StepResult[];
    expect(steps.map((s) => [s.players, s.ok])).toEqual([
      [2, false],
      [4, false],
    ]);
  }, 60_000);
});
