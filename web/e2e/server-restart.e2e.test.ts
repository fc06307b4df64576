import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TICK_RATE } from "@edgehold/sim-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";
import { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { chromiumPerSuite, debugState, holdKeyUntilMoved, uniqueRoom, waitForRest, waitForRoom, waitUntil } from "./support/browser.ts";

/** The room checkpoints positions every this many ticks (worker/src/room/room-config.ts: once a second). */
const CHECKPOINT_EVERY_TICKS = TICK_RATE;

/**
 * The page across a restart of the whole server process: its own `wrangler dev` (the shared one must stay up for
 * the other files) with its own state directory, so the second process finds what the first one checkpointed.
 */
describe("the room page when the server restarts", () => {
  const persistTo = mkdtempSync(join(tmpdir(), "edgehold-page-restart-"));
  const chromium = chromiumPerSuite();
  let port: number;
  let server: WranglerDev | undefined;

  beforeAll(async () => {
    port = await freePort();
    server = await WranglerDev.start({ port, persistTo });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it("says reconnecting…, then resumes the same player at the same place and plays on", async () => {
    const player = await chromium.newPlayer();
    const { page } = player;
    await page.goto(`http://127.0.0.1:${port}/rooms/${uniqueRoom("restart")}`);
    const joined = await waitForRoom(page, 1);
    await holdKeyUntilMoved(page, "KeyD", 1.5);
    const before = await waitForRest(page);
    expect(before.self!.x).toBeGreaterThan(joined.self!.x + 1);

    // The room checks every CHECKPOINT_EVERY_TICKS whether anyone moved since its last checkpoint: the body last
    // moved at or before the tick of the snapshot that showed it at rest, so a snapshot more than that many ticks
    // later comes after the checkpoint that holds the resting place (written before the room sent that snapshot).
    // Then the whole process goes away.
    await waitUntil(() => debugState(page), (s) => s!.serverTick > before.serverTick + CHECKPOINT_EVERY_TICKS, "the room's next checkpoint");
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
    await holdKeyUntilMoved(page, "KeyW", 1.5);
    const after = await waitForRest(page);
    expect(after.self!.y).not.toBe(before.self!.y);
    expect(after.self!.x).toBe(before.self!.x);
    expect(after.corrections).toBe(0);
    // The browser logs the failed reconnect attempts itself; the page must not have thrown.
    expect(player.errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  }, 120_000);
});
