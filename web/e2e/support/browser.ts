import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../../scripts/lib/chromium.ts";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DebugState } from "../../src/debug/debug-hook.ts";
// The built-in features' sections of the debug state (each adds its own to DebugSections): typed in these tests.
import type {} from "../../src/features/build/build-debug.ts";
import type {} from "../../src/features/chat/chat-debug.ts";
import type {} from "../../src/features/combat/combat-debug.ts";
import type {} from "../../src/features/movement/movement-debug.ts";
import type {} from "../../src/features/wildlife/wildlife-debug.ts";

/** The machine's Chromium (found or installed by `npm test`), driven by playwright-core: no browser download. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
}

/** A player: one browser context (its own storage, so its own dev identity) with one page. */
export interface Player {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors, for assertions and for failure messages. */
  errors: string[];
  /** Console warnings (server error envelopes the client logs, e.g. dropped inputs), for failure messages. */
  warnings: string[];
  /** The page's HTTP requests still unanswered, each with how long it has waited: printed when a test fails. */
  unanswered(): string[];
}

export async function newPlayer(browser: Browser): Promise<Player> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // Anything the page's Content-Security-Policy blocks is an error of the page: recorded, and logged to the console.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
    // Software WebGL's driver chatter is not the page's business.
    if (message.type() === "warning" && !message.text().includes("GL Driver Message")) warnings.push(message.text());
  });
  // A navigation that times out says only "waiting until load": which of the page's requests held it is in here.
  const inFlight = new Map<Request, number>();
  page.on("request", (request) => inFlight.set(request, Date.now()));
  page.on("requestfinished", (request) => inFlight.delete(request));
  page.on("requestfailed", (request) => inFlight.delete(request));
  const unanswered = () => [...inFlight].map(([request, since]) => `${request.method()} ${request.url()} (${Date.now() - since} ms)`);
  return { context, page, errors, warnings, unanswered };
}

/** One Chromium for a whole `describe`: launched before its first test, closed (with every player) after its last. */
export interface SuiteBrowser {
  readonly browser: Browser;
  /** A new player (its own context) in this Chromium. */
  newPlayer(): Promise<Player>;
}

export function chromiumPerSuite(): SuiteBrowser {
  let browser: Browser | undefined;
  const players: Player[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(({ onTestFailed }) =>
    onTestFailed(() => {
      players.forEach((player, index) => {
        const waiting = player.unanswered();
        if (waiting.length > 0) console.warn(`player ${index + 1}'s page was still waiting for: ${waiting.join(", ")}`);
      });
    }),
  );
  const launched = () => {
    if (!browser) throw new Error("Chromium starts in beforeAll: use it inside a test or a later hook");
    return browser;
  };
  return {
    get browser() {
      return launched();
    },
    newPlayer: async () => {
      const player = await newPlayer(launched());
      players.push(player);
      return player;
    },
  };
}

/**
 * Two players, A and B, in one Chromium for a whole `describe`: opened before its first test, closed after its last.
 * Read `players.a` and `players.b` inside its tests and hooks; `players.newPlayer()` opens a third.
 */
export function twoPlayersPerSuite(): SuiteBrowser & { readonly a: Player; readonly b: Player } {
  const suite = chromiumPerSuite();
  let pair: { a: Player; b: Player } | undefined;
  beforeAll(async () => {
    pair = { a: await suite.newPlayer(), b: await suite.newPlayer() };
  });
  const opened = () => {
    if (!pair) throw new Error("the players open in beforeAll: read them inside a test or a later hook");
    return pair;
  };
  return {
    get browser() {
      return suite.browser;
    },
    newPlayer: suite.newPlayer,
    get a() {
      return opened().a;
    },
    get b() {
      return opened().b;
    },
  };
}

/** What the page's CSP blocked so far (see newPlayer). */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The page's debug hook state (window.__edgehold), or undefined while no room is running. */
export function debugState(page: Page): Promise<DebugState | undefined> {
  return page.evaluate(() => window.__edgehold?.state());
}

/** Polls `read` until `accept` holds; fails with the last value seen. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/** Waits until the room is open, own state known, and `players` players are in it. */
export function waitForRoom(page: Page, players: number): Promise<DebugState> {
  return waitUntil(
    () => debugState(page),
    (s): s is DebugState => s !== undefined && s.phase === "open" && s.self !== undefined && s.players === players && s.avatars.length === players,
    `an open room with ${players} players`,
  ) as Promise<DebugState>;
}

/**
 * Waits until the player has come to rest: the server's position stopped changing and the drawn (predicted)
 * position is exactly it. Idle inputs keep flowing at 30 Hz, so "no pending inputs" never happens.
 */
export function waitForRest(page: Page): Promise<DebugState> {
  let previous: string | undefined;
  return waitUntil(
    () => debugState(page),
    (s) => {
      if (!s?.self || !s.selfServer) return false;
      const key = JSON.stringify(s.selfServer);
      const settled = key === previous && s.self.x === s.selfServer.x && s.self.y === s.selfServer.y;
      previous = key;
      return settled;
    },
    "the player to come to rest",
  ) as Promise<DebugState>;
}

/** A room code nobody else uses (rooms persist within a wrangler dev run). */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Holds `keys` until `page`'s player is drawn at least `metres` from where it stood, then lets go (checked every
 * frame, so the step is the same however slow the machine; fails after `timeoutMs`).
 */
export async function holdKeysUntilMoved(page: Page, keys: readonly string[], metres: number, timeoutMs = 5000): Promise<void> {
  const from = (await debugState(page))?.self;
  if (!from) throw new Error("no own avatar to move");
  for (const key of keys) await page.keyboard.down(key);
  try {
    await page.waitForFunction(
      ({ x, y, metres }) => {
        const self = window.__edgehold?.state().self;
        return self !== undefined && Math.hypot(self.x - x, self.y - y) >= metres;
      },
      { x: from.x, y: from.y, metres },
      { polling: "raf", timeout: timeoutMs },
    );
  } finally {
    for (const key of keys) await page.keyboard.up(key);
  }
}

/** Holds `key` until `page`'s player moved `metres` (see holdKeysUntilMoved). */
export function holdKeyUntilMoved(page: Page, key: string, metres: number, timeoutMs = 5000): Promise<void> {
  return holdKeysUntilMoved(page, [key], metres, timeoutMs);
}

/** Waits until `page` has drawn `frames` more frames (its loop ran on: time passed for it, not a fixed sleep). */
export async function waitForFrames(page: Page, frames: number): Promise<void> {
  const start = await page.evaluate(() => window.__edgehold!.frames());
  await page.waitForFunction((until) => window.__edgehold!.frames() >= until, start + frames, { polling: "raf", timeout: 10_000 });
}

/**
 * Waits until the room has applied `inputs` more of `page`'s inputs (its `ackInputSeq`): the page sampled its keys
 * that many steps and the room simulated them.
 */
export async function waitForAppliedInputs(page: Page, inputs: number): Promise<DebugState> {
  const start = (await debugState(page))!.ackInputSeq;
  return (await waitUntil(() => debugState(page), (s) => s !== undefined && s.ackInputSeq >= start + inputs, `${inputs} more inputs applied by the room`))!;
}

/** Walks `page`'s player (WASD in short taps, along the larger axis) until it stands `near`..`far` metres from `target`. */
export async function walkWithinRange(page: Page, target: { x: number; y: number }, near: number, far: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const at = (await debugState(page))!.self!;
    const dx = target.x - at.x;
    const dy = target.y - at.y;
    const distance = Math.hypot(dx, dy);
    if (distance >= near && distance <= far) return;
    // Toward the target when too far, away from it when too close.
    const sign = distance > far ? 1 : -1;
    const key = Math.abs(dx) >= Math.abs(dy) ? (dx * sign > 0 ? "KeyD" : "KeyA") : dy * sign > 0 ? "KeyW" : "KeyS";
    // A tap: ~0.3 m while held, then the glide to rest (about 1 m in all).
    await holdKeyUntilMoved(page, key, 0.3);
    await waitForRest(page);
  }
  throw new Error(`could not get within ${near}–${far} m of ${JSON.stringify(target)}`);
}
