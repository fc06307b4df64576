/**
 * Makes docs/screenshot.png for the README: a room with eight bot players around you, fighting and talking (their
 * shots, HP bars, damage numbers and speech bubbles show), drawn at high quality.
 *
 *   npx tsx web/e2e/docs-screenshot.ts
 *
 * Needs `npm run build` first; starts its own wrangler dev (fresh state) on port 8795 (or `SCREENSHOT_PORT`) and
 * stops it afterwards.
 */
import { join } from "node:path";
import { Bot } from "../../scripts/lib/bot.ts";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { launchChromium } from "./support/browser.ts";

const NAMES = ["Ada", "Bjorn", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana"];
const output = join(import.meta.dirname, "..", "..", "docs", "screenshot.png");

const server = await WranglerDev.start({ port: Number(process.env.SCREENSHOT_PORT) || 8795 });
const bots = NAMES.map((name, i) => new Bot(`ws://127.0.0.1:${server.port}/api/rooms/meadow/ws?playerId=${name.toLowerCase()}&name=${name}`, name, "msgpack", i * 7919 + 3));
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  // A returning player: named, and past the first-visit controls hint (hud/controls.ts), so the room shows.
  await context.addInitScript(() => {
    localStorage.setItem("edgehold.displayName", "You");
    localStorage.setItem("edgehold.controlsHintSeen", "1");
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/rooms/meadow?quality=high`);
  await page.waitForFunction(() => window.__edgehold?.state().self !== undefined, undefined, { timeout: 30_000 });
  // Let the page settle (RTT, interpolation delay) before the others arrive, who wander off within seconds: a
  // measured RTT on the HUD, and 6 s of the room's ticks (30 a second) since the page joined.
  const joinedTick = await page.evaluate(() => window.__edgehold!.state().serverTick);
  await page.waitForFunction(
    (tick) => window.__edgehold!.state().serverTick >= tick + 6 * 30 && !/—/.test(document.querySelector('[data-testid="hud-rtt"]')?.textContent ?? "—"),
    joinedTick,
    { timeout: 30_000, polling: 100 },
  );
  await Promise.all(bots.map((bot) => bot.start()));
  await page.waitForFunction((n) => (window.__edgehold?.state().avatars.length ?? 0) > n, NAMES.length, { timeout: 30_000 });
  // A fight and a conversation: every bot fires at whoever is near, and says a line now and then (bubbles).
  for (const bot of bots) {
    bot.setFiring(true);
    bot.chatEvery(2500);
  }
  // The moment that shows it: a speech bubble wholly in view and a damage number in the air.
  await page.waitForFunction(
    // One selector list, every box checked in one pass (a named helper in here would need tsx's __name in the page).
    () =>
      [".speech-bubble:not([hidden])", ".damage-number"].every((selector) =>
        Array.from(document.querySelectorAll(selector)).some((element) => {
          const box = element.getBoundingClientRect();
          // Clear of the status chips, the player list and the bottom panels.
          return box.width > 0 && box.top > 100 && box.left > 10 && box.right < innerWidth - 180 && box.bottom < innerHeight - 120;
        }),
      ),
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  for (const bot of bots) bot.stop();
  await browser.close();
  await server.stop();
}
