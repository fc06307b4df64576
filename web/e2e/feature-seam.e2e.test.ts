import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeMsgpack, ErrorCode, PROTOCOL_VERSION } from "@edgehold/protocol";
import type { Browser } from "playwright-core";
import { build, preview, type Plugin, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";
import { BELL_KEY, bellFeature, type BellDebug } from "../test/feature-page/bell-protocol.ts";
import { debugState, holdKeyUntilMoved, launchChromium, newPlayer, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");
const webRoot = join(import.meta.dirname, "..");

/** The page's own index.html, with the test page's entry in place of the game's (one page, a second entry). */
const testEntry: Plugin = {
  name: "edgehold-feature-page-entry",
  transformIndexHtml: {
    // Before Vite reads the page's scripts: the entry it bundles is the test page's.
    order: "pre",
    handler: (html) => {
      if (!html.includes('src="/src/main.tsx"')) throw new Error("web/index.html no longer loads /src/main.tsx: update the test page's entry");
      return html.replace('src="/src/main.tsx"', 'src="/test/feature-page/main.tsx"');
    },
  },
};

/** A frame on the socket, decoded (the page speaks msgpack). */
type Envelope = { kind?: string; seq?: number; feature?: string; action?: string; payload?: Record<string, unknown> };

/**
 * The page's feature seam, proven the way the server's is: a client feature defined only in test code (the bell,
 * web/test/feature-page/) runs in the real page. Its page is the real GameView with the real features plus the bell
 * (no core file knows it), built by Vite from a second entry (web/index.html loading the test page's main.tsx
 * instead of the game's) and served with /api proxied to the suite's real
 * `wrangler dev`. The room there is the shipped worker, which has no bell: it answers the ring with
 * `unknown_feature` naming the ring's seq, and that answer reaching the bell proves the whole round trip — a room
 * that knew the feature would need the worker built with test code, which the server's own seam test covers
 * (worker/test/feature-seam.test.ts).
 */
describe("a client feature defined only in test code, in Chromium against wrangler dev", () => {
  const outDir = mkdtempSync(join(tmpdir(), "edgehold-feature-page-"));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let pageUrl: string;

  beforeAll(async () => {
    const config = { root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn" as const };
    await build({ ...config, plugins: [testEntry], build: { outDir, emptyOutDir: true } });
    const port = await freePort();
    server = await preview({
      ...config,
      build: { outDir },
      preview: { host: "127.0.0.1", port, strictPort: true, proxy: { "/api": { target: baseUrl, ws: true } } },
    });
    pageUrl = `http://127.0.0.1:${port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it("draws its HUD element, takes its key, sends its typed command, and gets the room's answer for exactly that seq", async () => {
    const { page, errors } = await newPlayer(browser!);
    const sent: Envelope[] = [];
    const received: Envelope[] = [];
    const decode = (payload: string | Buffer) => (typeof payload === "string" ? JSON.parse(payload) : decodeMsgpack(payload)) as Envelope;
    page.on("websocket", (socket) => {
      socket.on("framesent", ({ payload }) => sent.push(decode(payload)));
      socket.on("framereceived", ({ payload }) => received.push(decode(payload)));
    });
    const bellOf = async () => (await debugState(page))?.[bellFeature.name] as BellDebug | undefined;

    await page.goto(`${pageUrl}?room=${uniqueRoom("bell")}`);
    await waitForRoom(page, 1);
    // Its HUD element, beside the core's and the built-in features' (the same page as the game's).
    const hud = page.getByTestId("bell-hud");
    await expect.poll(() => hud.textContent()).toBe("bell: press P");
    await page.getByTestId("hud-players").waitFor();
    await page.getByTestId("chat-panel").waitFor();
    expect(await bellOf()).toEqual({ rung: [], answers: [] });

    // Its key: one ring, sent as the bell's command with the seq the feature was given.
    await page.keyboard.press(BELL_KEY);
    const { rung } = (await waitUntil(bellOf, (bell) => bell?.rung.length === 1, "the ring to be sent"))!;
    const seq = rung[0]!;
    await expect.poll(() => hud.textContent()).toContain(`rang #${seq}`);
    expect(sent.filter((frame) => frame.feature === bellFeature.name)).toEqual([
      { v: PROTOCOL_VERSION, kind: "command", seq, feature: "bell", action: "ring", payload: { times: 1 } },
    ]);

    // The room's answer names that seq, and comes back to the bell (its error handler), not to the console.
    const answered = (await waitUntil(bellOf, (bell) => (bell?.answers.length ?? 0) > 0, "the room's answer to the ring"))!;
    expect(answered.answers).toEqual([{ code: ErrorCode.unknownFeature, seq }]);
    expect(received.filter((frame) => frame.kind === "error")).toEqual([expect.objectContaining({ payload: expect.objectContaining({ code: ErrorCode.unknownFeature, seq }) })]);
    await expect.poll(() => page.getByTestId("bell-answer").textContent()).toBe(` · room: unknown_feature for #${seq}`);

    // A key typed into a field is nobody's: P in the chat input rings nothing.
    await page.keyboard.press("Enter");
    await waitUntil(async () => ((await debugState(page))?.chat as { typing: boolean }).typing, (typing) => typing, "the chat input to have focus");
    await page.keyboard.press(BELL_KEY);
    expect(await page.getByTestId("chat-input").inputValue()).toBe("p");
    await page.keyboard.press("Escape");
    expect((await bellOf())!.rung).toEqual([seq]);
    expect(sent.filter((frame) => frame.feature === bellFeature.name)).toHaveLength(1);

    // The room plays on around it: the player walks.
    await holdKeyUntilMoved(page, "KeyD", 1);
    expect(errors).toEqual([]);
  });
});
