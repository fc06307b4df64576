import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { debugState, launchChromium, newPlayer, uniqueRoom, waitForRest, waitForRoom, waitUntil } from "./support/browser.ts";

/**
 * The page across a restart of the whole server process: its own `wrangler dev` (the shared one must stay up for
 * the other files) with its own state directory, so the second process finds what the first one checkpointed.
 */
describe("the room page when the server restarts", () => {
  const port = 8792;
  const persistTo = mkdtempSync(join(tmpdir(), "edgehold-page-restart-"));
  let server: WranglerDev | undefined;
  let browser: Browser;

  beforeAll(async () => {
    server = await WranglerDev.start({ port, persistTo });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 30_000);

  it("says reconnecting…, then resumes the same player at the same place and plays on", async () => {
    const player = await newPlayer(browser);
    const { page } = player;
    await page.goto(`http://127.0.0.1:${port}/rooms/${uniqueRoom("restart")}`);
    const joined = await waitForRoom(page, 1);
    await page.keyboard.down("KeyD");
    await page.waitForTimeout(600);
    await page.keyboard.up("KeyD");
    const before = await waitForRest(page);
    expect(before.self!.x).toBeGreaterThan(joined.self!.x + 1);

    // Past the room's ~1 s periodic checkpoint, then the whole process goes away.
    await page.waitForTimeout(1200);
    await server!.stop();
    server = undefined;
    await page.getByTestId("reconnecting").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("connection").getAttribute("data-phase")).toBe("reconnecting");

    server = await WranglerDev.start({ port, persistTo });
    const resumed = (await waitUntil(
      () => debugState(page),
      (s) => s?.phase === "open" && s.resumed && s.selfServer !== undefined,
      "the page to reconnect and resume",
      30_000,
    ))!;
    expect(resumed.playerId).toBe(joined.playerId);
    expect(resumed.selfServer).toEqual(before.selfServer);
    // The HUD re-renders on its own cadence: the banner goes shortly after the session is back.
    await page.getByTestId("reconnecting").waitFor({ state: "detached", timeout: 5_000 });
    expect(await page.getByTestId("connection").getAttribute("data-phase")).toBe("open");

    // And the game goes on: walking north works, and prediction agrees with the new process.
    await page.keyboard.down("KeyW");
    await page.waitForTimeout(500);
    await page.keyboard.up("KeyW");
    const after = await waitForRest(page);
    expect(after.self!.y).not.toBe(before.self!.y);
    expect(after.self!.x).toBe(before.self!.x);
    expect(after.corrections).toBe(0);
    // The browser logs the failed reconnect attempts itself; the page must not have thrown.
    expect(player.errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  }, 120_000);
});
