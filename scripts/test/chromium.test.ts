import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HOW_TO_GET_CHROMIUM, findChromium } from "../lib/chromium.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..");

function fakeBrowser(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, "#!/bin/sh\necho 'Fake Chromium 1.0'\n");
  chmodSync(path, 0o755);
  return path;
}

describe("finding Chromium for the browser tests", () => {
  const root = mkdtempSync(join(tmpdir(), "edgehold-chromium-"));
  const debian = fakeBrowser(join(root, "usr-bin"), "chromium");
  const chromeOnPath = fakeBrowser(join(root, "opt-bin"), "google-chrome");
  const explicit = fakeBrowser(join(root, "custom"), "my-chrome");
  const missingDebian = join(root, "nowhere", "chromium");

  it("prefers CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a Chrome on PATH", () => {
    const PATH = join(root, "opt-bin");
    expect(findChromium({ env: { CHROMIUM_PATH: explicit, PATH }, debianPath: debian })).toBe(explicit);
    expect(findChromium({ env: { PATH }, debianPath: debian })).toBe(debian);
    expect(findChromium({ env: { PATH }, debianPath: missingDebian })).toBe(chromeOnPath);
    expect(findChromium({ env: { PATH: join(root, "empty") }, debianPath: missingDebian })).toBeUndefined();
  });

  it("treats a CHROMIUM_PATH that names nothing as a mistake to report, not a reason to look elsewhere", () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: join(root, "typo") }, debianPath: debian })).toThrow(/CHROMIUM_PATH=.*typo is not an executable/);
  });

  it("npm test's first step stops at once with one line when CHROMIUM_PATH is wrong", () => {
    const result = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["scripts/ensure-chromium.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, CHROMIUM_PATH: join(root, "typo") },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^CHROMIUM_PATH=.*typo is not an executable file/)]);
  });

  it("names the browser it will use", () => {
    const result = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["scripts/ensure-chromium.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, CHROMIUM_PATH: explicit },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`browser tests use ${explicit} (Fake Chromium 1.0)`);
  });

  it("says how to get Chromium in one line", () => {
    expect(HOW_TO_GET_CHROMIUM).not.toContain("\n");
    expect(HOW_TO_GET_CHROMIUM).toMatch(/apt-get install chromium.*CHROMIUM_PATH/);
  });
});
