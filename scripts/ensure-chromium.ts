/**
 * First step of `npm test`: make sure the browser suites have a Chromium to drive (playwright-core never downloads
 * one). Finds it (CHROMIUM_PATH, /usr/bin/chromium, Chrome on PATH); when missing and this user may run apt
 * (root, or passwordless sudo as on CI runners), installs Debian's `chromium`; otherwise stops at once with one
 * line saying how to get it.
 *
 *   npx tsx scripts/ensure-chromium.ts
 */
import { execFileSync, spawnSync } from "node:child_process";
import { DEBIAN_CHROMIUM, HOW_TO_GET_CHROMIUM, findChromium } from "./lib/chromium.ts";

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** How to run apt as root from here: directly, via passwordless sudo, or not at all. */
function aptRunner(): string[] | undefined {
  if (!succeeds("apt-get", ["--version"])) return undefined;
  if (process.getuid?.() === 0) return [];
  // -n: never prompt for a password (a test run must not sit waiting on a terminal).
  if (succeeds("sudo", ["-n", "true"])) return ["sudo", "-n"];
  return undefined;
}

function installDebianChromium(prefix: string[]): void {
  console.log("Chromium not found: installing Debian's chromium with apt-get (needed by the browser tests)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const [command, ...rest] = [...prefix, "apt-get", ...args];
    const result = spawnSync(command!, rest, { stdio: ["ignore", "inherit", "inherit"], env });
    if (result.status !== 0) fail(`apt-get ${args.join(" ")} failed (exit ${result.status}). ${HOW_TO_GET_CHROMIUM}`);
  }
}

let path: string | undefined;
try {
  path = findChromium();
} catch (error) {
  fail((error as Error).message);
}
if (!path) {
  const apt = aptRunner();
  if (!apt) fail(HOW_TO_GET_CHROMIUM);
  installDebianChromium(apt);
  path = findChromium();
  if (!path) fail(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing. ${HOW_TO_GET_CHROMIUM}`);
}
let version: string;
try {
  version = execFileSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 }).trim();
} catch (error) {
  fail(`${path} does not run (${(error as Error).message.split("\n")[0]}). ${HOW_TO_GET_CHROMIUM}`);
}
console.log(`browser tests use ${path} (${version})`);
