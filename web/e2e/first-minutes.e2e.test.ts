import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { TICK_RATE, WEAPONS, Weapon } from "@edgehold/sim-core";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { chromiumPerSuite, debugState, holdKeyUntilMoved, waitForRest, waitForRoom, waitUntil } from "./support/browser.ts";
import { pointAt } from "./support/pointing.ts";

const baseUrl = inject("edgeholdUrl");
/** Each run keeps its screenshots in a folder of its own: the walk-through as a newcomer sees it, step by step. */
const RUN_DIR = join(import.meta.dirname, "..", "..", "artifacts", "first-minutes", new Date().toISOString().replace(/[:.]/g, "-"));

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `element` lies wholly inside the chat panel's scrolled view of its lines (visible without scrolling). */
async function inChatView(page: Page, element: Locator): Promise<boolean> {
  const view = (await page.getByTestId("chat-lines").boundingBox())!;
  const box = await element.boundingBox();
  return box !== null && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1;
}

async function say(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Enter");
  await waitUntil(async () => (await debugState(page))!.chat.typing, (typing) => typing, "the chat input to have focus");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

describe("the first five minutes, in Chromium against wrangler dev", () => {
  const chromium = chromiumPerSuite();

  it("lobby → room → controls hint → walk → build → fire → chat → emote → a ranger with a bow", async () => {
    mkdirSync(RUN_DIR, { recursive: true });
    let shot = 0;
    const snap = (page: Page, name: string) => page.screenshot({ path: join(RUN_DIR, `${String(++shot).padStart(2, "0")}-${name}.png`) });
    const { page, errors } = await chromium.newPlayer();

    // The lobby lists the controls (the same list the room's hint shows).
    await page.goto(`${baseUrl}/`);
    for (const action of ["move", "fire", "build", "chat", "emotes", "net-graph"]) await page.getByTestId("lobby").getByTestId(`control-${action}`).waitFor();
    await snap(page, "lobby");

    // Create a room: the first visit shows the controls hint; dismissed, it stays gone after a reload.
    await page.getByTestId("create-room").click();
    await page.waitForURL(/\/rooms\//);
    const roomUrl = page.url();
    // The first second: no alarming figures (an RTT from one ping, frame times of shader compiles). Pings go once a
    // second: the HUD's first publish is long before the third pong.
    await page.getByTestId("hud-rtt").waitFor();
    expect(await page.getByTestId("hud-rtt").textContent()).toBe("RTT —");
    await waitForRoom(page, 1);
    await page.getByTestId("controls-hint").getByTestId("control-build").waitFor();
    await snap(page, "controls-hint");
    await page.getByTestId("controls-hint-dismiss").click();
    await page.getByTestId("controls-hint").waitFor({ state: "detached" });
    await page.reload();
    await waitForRoom(page, 1);
    expect(await page.getByTestId("controls-hint").count()).toBe(0);
    // Three pings later the RTT shows.
    await waitUntil(() => page.getByTestId("hud-rtt").textContent(), (t) => /RTT \d+ ms/.test(t ?? ""), "the RTT after three pings");

    // Walk east, clear of the spawn ring.
    await holdKeyUntilMoved(page, "KeyD", 3);
    const at = (await waitForRest(page)).self!;
    await snap(page, "walked");

    // Build mode: the bar with the three pieces, the selected one lit; the ghost green near, red far with the reason.
    await page.keyboard.press("KeyB");
    await page.getByTestId("build-bar").waitFor();
    expect(await page.getByTestId("build-piece-wall").getAttribute("aria-current")).toBe("true");
    await page.keyboard.press("Digit3");
    await waitUntil(() => page.getByTestId("build-piece-floor").getAttribute("aria-current"), (v) => v === "true", "floor selected");
    expect(await page.getByTestId("build-piece-wall").getAttribute("aria-current")).toBe("false");
    // The ghost itself, as the scene draws it (its mesh read back through the debug hook): on the tile pointed at,
    // green there; the bar agrees.
    const ghost = async () => (await debugState(page))!.build.ghost;
    const near = { tx: Math.floor(at.x) + 2, ty: Math.floor(at.y) };
    await pointAt(page, near);
    await waitUntil(ghost, (g) => g?.tx === near.tx && g.ty === near.ty, "the ghost on the tile pointed at");
    expect(await ghost()).toEqual({ ...near, kind: "floor", color: "green" });
    expect(await page.getByTestId("build-verdict").getAttribute("class")).toContain("accepted");
    expect((await debugState(page))!.build.ghostRefusal).toBeNull();
    // A click there places a floor (planks).
    await page.mouse.down();
    await page.mouse.up();
    await waitUntil(async () => (await debugState(page))!.build.structures, (list) => list.some((s) => s.kind === "floor"), "the floor placed");
    await snap(page, "build-near");
    const far = { tx: Math.floor(at.x) + 10, ty: Math.floor(at.y) };
    await pointAt(page, far);
    await waitUntil(ghost, (g) => g?.tx === far.tx && g.ty === far.ty, "the ghost on the far tile");
    expect(await ghost()).toEqual({ ...far, kind: "floor", color: "red" });
    const verdict = page.getByTestId("build-verdict");
    expect(await verdict.getAttribute("class")).toContain("refused");
    expect(await verdict.textContent()).toMatch(/too far away/);
    expect(await verdict.getAttribute("title")).toMatch(/too far away/);
    expect(await page.getByTestId("scene").getAttribute("title")).toMatch(/too far away/);
    await snap(page, "build-far");
    await page.keyboard.press("KeyB");
    await page.getByTestId("build-bar").waitFor({ state: "detached" });

    // Fire: a click shoots (the own shot is drawn at once, predicted).
    const fired = (await debugState(page))!.combat.ownPredictedTotal;
    await page.mouse.down();
    await page.mouse.up();
    await waitUntil(async () => (await debugState(page))!.combat.ownPredictedTotal, (n) => n > fired, "a shot fired");
    await snap(page, "fired");

    // Chat: /help answers once, as a list; /who's answer is in view without scrolling, after the tall /help.
    await say(page, "/help");
    const help = page.getByTestId("chat-help");
    await help.waitFor();
    await waitUntil(() => help.locator("li").count(), (n) => n > 3, "the commands listed");
    expect(await page.getByTestId("chat-lines").getByText("list the players in the room").count()).toBe(1);
    expect(await inChatView(page, help.locator("li").last())).toBe(true);
    await say(page, "/who");
    const who = page.getByTestId("chat-who").last();
    await who.waitFor();
    await waitUntil(() => inChatView(page, who), (inView) => inView, "/who's answer in view");
    expect(await page.getByTestId("chat-new-messages").count()).toBe(0);
    await snap(page, "chat");

    // The emote wheel opens beside the chat panel, never over it.
    await page.keyboard.press("KeyG");
    await page.getByTestId("emote-wave").waitFor();
    const panel = (await page.getByTestId("chat-lines").boundingBox())!;
    const bar = (await page.getByTestId("chat-input").boundingBox())!;
    for (const button of await page.getByTestId("emote-wheel").getByRole("button").all()) {
      const box = (await button.boundingBox())!;
      expect(overlaps(box, panel), `${await button.textContent()} over the chat lines`).toBe(false);
      expect(overlaps(box, bar), `${await button.textContent()} over the chat input`).toBe(false);
    }
    await snap(page, "emote-wheel");
    await page.getByTestId("emote-wave").click();
    await page.getByTestId("emote-wheel").waitFor({ state: "detached" });

    // The characters page: each class says what its weapon does (the sim's table); a ranger shows a bow in the room.
    const room = new URL(roomUrl).pathname.split("/").pop()!;
    await page.goto(`${baseUrl}/characters?room=${room}`);
    await page.getByTestId("character-screen").waitFor();
    const bow = WEAPONS[Weapon.arrow]!;
    const stats = await page.getByTestId("class-stats-ranger").textContent();
    expect(stats).toContain(`${bow.damage} dmg`);
    expect(stats).toContain(`${bow.range} m`);
    expect(stats).toContain(`${bow.cooldownSteps / TICK_RATE} s`);
    await page.locator("input[name=name]").fill("Robin Fletcher");
    await page.getByTestId("class-ranger").click();
    await page.locator("input[name=color]").fill("#2f9e44");
    expect(await page.getByTestId("avatar-preview").getAttribute("data-weapon")).toBe(String(Weapon.arrow));
    expect(await page.getByTestId("colour-swatch").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(47, 158, 68)");
    await snap(page, "characters");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByTestId("character").filter({ hasText: "Robin Fletcher" }).waitFor();
    await page.getByRole("link", { name: `Back to room ${room}` }).click();
    const self = await waitUntil(
      async () => (await debugState(page))?.avatars.find((a) => a.self),
      (a) => a?.name === "Robin Fletcher" && a.held === "bow",
      "the own avatar as the ranger, bow in hand",
    );
    expect(self?.held).toBe("bow");
    await snap(page, "ranger-in-room");

    expect(errors).toEqual([]);
  });
});
