import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "./support/run-script.ts";

/** Ports for the script's own `wrangler dev` and its inspector (E2E_PORT and the next, as the page tests' are). */
const PORT = Number(process.env.E2E_PORT ?? 8933);

/** Runs `tsx scripts/plaza-figures.ts …args` to completion: its exit code and what it printed. */
const plazaFigures = (args: string[]) => runScript("scripts/plaza-figures.ts", args);

describe("scripts/plaza-figures.ts against its own wrangler dev", () => {
  it("ramps bots from two processes into a plaza and reads the room's tick work, CPU and isolate heap", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "edgehold-plaza-figures-")), "figures.json");
    const run = await plazaFigures(["--ramp", "3,6", "--seconds", "3", "--warmup", "1", "--processes", "2", "--pin", "0", "--port", String(PORT), "--inspector", String(PORT + 1), "--json", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("every Durable Object shares it");
    const { steps } = JSON.parse(readFileSync(out, "utf8")) as { steps: Record<string, any>[] };
    expect(steps.map((step) => [step.players, step.connected])).toEqual([
      [3, 3],
      [6, 6],
    ]);
    for (const step of steps) {
      // 10 snapshots a second to every bot, read over a 3 s window.
      expect(step.snapshotsPerSecondPerBot.min).toBeGreaterThan(7);
      expect(step.snapshotsPerSecondPerBot.median).toBeLessThan(12);
      expect(step.kBpsDownPerBot.median).toBeGreaterThan(0);
      expect(step.closedSoFar).toEqual({});
      // The room's own figures: ~90 ticks in 3 s, its workerd's CPU (part of the tree's), the isolate's heap.
      expect(step.tickWorkMs.samples).toBeGreaterThan(60);
      expect(step.droppedSteps).toBeGreaterThanOrEqual(0);
      expect(step.roomProcessCpuPercent).toBeGreaterThan(0);
      expect(step.roomProcessCpuPercent).toBeLessThan(step.serverTreeCpuPercent);
      expect(step.heapMB.usedMax).toBeGreaterThan(1);
      expect(step.heapMB.totalMax).toBeGreaterThanOrEqual(step.heapMB.usedMax);
      expect(step.heapMB.usedAfterGc).toBeGreaterThan(1);
      // Both bot processes measured themselves.
      expect(step.botProcesses).toHaveLength(2);
      for (const process of step.botProcesses) expect(process.cpuPercent).toBeGreaterThan(0);
    }
  }, 120_000);
});
