import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../scripts/lib/chromium.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMBAT_CASES } from "../test/combat-cases.ts";
import { COMBAT_SCENARIO, DETERMINISM_SCENARIO, GOLDEN, GOLDEN_COMBAT, GOLDEN_PLAZA, PLAZA_SCENARIO } from "../test/golden.ts";

/** What browser-entry.ts exposes as `SimCoreCheck` in the page. */
interface Check {
  run(wasmBase64: string, scenario: unknown): Promise<unknown>;
  runCombatCases(wasmBase64: string): { name: string; error?: string }[];
}

/** The third host: the same sim.wasm, run by Chromium's engine, must hit the golden hashes and pass the combat contract. */
describe("sim-core determinism in Chromium", () => {
  let browser: Browser;
  let bundle: string;
  const wasm = () => readFileSync(join(import.meta.dirname, "..", "build", "sim.wasm")).toString("base64");

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), "sim-core-browser-"));
    await build({
      logLevel: "warn",
      configFile: false,
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: { entry: join(import.meta.dirname, "browser-entry.ts"), formats: ["iife"], name: "SimCoreCheck", fileName: () => "bundle.js" },
      },
    });
    bundle = readFileSync(join(outDir, "bundle.js"), "utf8");
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function runScenarioInPage(scenario: unknown): Promise<unknown> {
    const page = await browser.newPage();
    try {
      await page.setContent("<!doctype html><title>sim-core determinism</title>");
      await page.addScriptTag({ content: bundle });
      return await page.evaluate(
        ([bytes, options]) => (globalThis as unknown as { SimCoreCheck: Check }).SimCoreCheck.run(bytes, options),
        [wasm(), scenario] as const,
      );
    } finally {
      await page.close();
    }
  }

  it("reproduces the golden hashes over 10,000 random inputs among random tiles and walls", async () => {
    expect(await runScenarioInPage(DETERMINISM_SCENARIO)).toEqual({ wasm: GOLDEN });
  }, 60_000);

  it("reproduces the golden combat hashes (projectiles, hits, crits, rewinds, tile damage)", async () => {
    expect(await runScenarioInPage(COMBAT_SCENARIO)).toEqual({ wasm: GOLDEN_COMBAT });
  }, 60_000);

  it("reproduces the golden plaza hashes (1,000 bodies fighting over a 512 m world)", async () => {
    expect(await runScenarioInPage(PLAZA_SCENARIO)).toEqual({ wasm: GOLDEN_PLAZA });
  }, 60_000);

  it("passes every combat contract case", async () => {
    const page = await browser.newPage();
    try {
      await page.setContent("<!doctype html><title>sim-core combat contract</title>");
      await page.addScriptTag({ content: bundle });
      const results = await page.evaluate((bytes) => (globalThis as unknown as { SimCoreCheck: Check }).SimCoreCheck.runCombatCases(bytes), wasm());
      expect(results).toEqual(COMBAT_CASES.map(({ name }) => ({ name })));
    } finally {
      await page.close();
    }
  }, 60_000);
});
