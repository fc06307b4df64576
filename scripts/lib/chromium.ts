import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Debian's package: what `.ci/run` and `npm test` install with apt when nothing else is found. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Chrome/Chromium commands other distributions and Google's packages put on PATH, in order of preference. */
const PATH_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** The one line a user without Chromium (and without root + apt to install it) needs. */
export const HOW_TO_GET_CHROMIUM =
  "Chromium not found: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH=/path/to/chrome, then rerun `npm test`.";

export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  /** Defaults to Debian's path; tests point it elsewhere. */
  debianPath?: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the browser tests find Chromium, in order: CHROMIUM_PATH (when set it must be right: a typo is an error,
 * not a silent fallback), Debian's /usr/bin/chromium, then an installed Chrome/Chromium on PATH.
 * Returns undefined when there is none; throws when CHROMIUM_PATH names nothing executable.
 */
export function findChromium({ env = process.env, debianPath = DEBIAN_CHROMIUM }: ChromiumLookup = {}): string | undefined {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} is not an executable file: point it at a Chrome/Chromium binary, or unset it.`);
  }
  if (isExecutable(debianPath)) return debianPath;
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir.length > 0);
  for (const command of PATH_COMMANDS) {
    for (const dir of dirs) {
      const candidate = join(dir, command);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The Chromium the test code launches; fails with the one-line how-to when there is none. */
export function chromiumExecutable(): string {
  const path = findChromium();
  if (!path) throw new Error(HOW_TO_GET_CHROMIUM);
  return path;
}

/** Flags for headless runs on CI boxes and containers (root, no GPU), with no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
