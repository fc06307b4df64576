import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../scripts/lib/chromium.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETERMINISM_SCENARIO, GOLDEN } from "../test/golden.ts";

/** The third host: the same sim.wasm, run by Chromium's engine, must hit the golden hashes. */
describe("sim-core determinism in Chromium", () => {
  let browser: Browser;
  let bundle: string;

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

  it("reproduces the golden hashes over 10,000 random inputs among random tiles and walls", async () => {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><title>sim-core determinism</title>");
    await page.addScriptTag({ content: bundle });
    const wasm = readFileSync(join(import.meta.dirname, "..", "build", "sim.wasm")).toString("base64");
    const result = await page.evaluate(
      ([bytes, scenario]) => (globalThis as unknown as { SimCoreCheck: { run: (b: string, s: unknown) => Promise<unknown> } }).SimCoreCheck.run(bytes, scenario),
      [wasm, DETERMINISM_SCENARIO] as const,
    );
    expect(result).toEqual({ wasm: GOLDEN });
    await page.close();
  }, 60_000);
});
