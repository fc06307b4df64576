import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { DebugState } from "../src/debug/debug-hook.ts";
import {
  debugState,
  holdKeyUntilMoved,
  twoPlayersPerSuite,
  uniqueRoom,
  waitForAppliedInputs,
  waitForRest,
  waitForRoom,
  waitUntil,
  walkWithinRange,
} from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

const chatOf = async (page: Page) => (await debugState(page))!.chat;

/** Focuses the chat with Enter, types `text` key by key (as a player does) and sends it with Enter. */
async function say(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Enter");
  await waitUntil(() => chatOf(page), (chat) => chat.typing, "the chat input to have focus");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** Where B's page draws the bubble of `entity` (its box on screen), or undefined while none shows. */
async function bubbleBox(page: Page, entity: string): Promise<{ x: number; y: number; text: string } | undefined> {
  return page.evaluate((id) => {
    const element = document.querySelector<HTMLElement>(`.speech-bubble[data-entity="${id}"]`);
    if (!element || element.hidden) return undefined;
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height, text: element.textContent ?? "" };
  }, entity);
}

/**
 * Runs `watch` with the page's DOM overlays hidden (the HUD's RTT figures and the chat change by themselves), so
 * `scene()` screenshots show the 3D scene alone.
 */
async function withSceneOnly(page: Page, watch: (scene: () => Promise<Buffer>) => Promise<void>, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  const show = (visibility: string) =>
    page.evaluate((v) => {
      document.querySelectorAll<HTMLElement>(".hud, .chat-panel, .speech-bubbles, .minimap").forEach((element) => (element.style.visibility = v));
    }, visibility);
  await show("hidden");
  try {
    await watch(() => (clip ? page.screenshot({ clip }) : page.getByTestId("scene").screenshot()));
  } finally {
    await show("");
  }
}

describe("chat in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();
  let aState: DebugState;

  beforeAll(async () => {
    const { a, b } = players;
    const room = uniqueRoom("chat");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    // Names come with presence, a moment after the bodies (until then an avatar is called "player <id>").
    aState = await waitUntil(() => debugState(a.page), (s) => s!.avatars.every((x) => !/^player \d+$/.test(x.name)), "A to know every name") as DebugState;
    // A bubble shows only over a speaker B's camera draws, and the two may spawn out of each other's view: A comes
    // to stand 2–4 m from B first.
    await walkWithinRange(a.page, (await waitForRest(b.page)).self!, 2, 4);
    await Promise.all([waitForRest(a.page), waitForRest(b.page)]);
  });


  it("A types a line (its keys move nothing meanwhile); B sees it in the panel and in a bubble over A's head", async () => {
    const { a, b } = players;
    const aName = aState.avatars.find((avatar) => avatar.self)!.name;
    const aEntity = aState.entityId!;
    const before = (await waitForRest(a.page)).self!;

    await a.page.keyboard.press("Enter");
    await waitUntil(() => chatOf(a.page), (chat) => chat.typing, "A's chat input to have focus");
    // Typing letters that are movement keys, and holding an arrow (which types nothing): none of it may move A.
    await a.page.keyboard.type("wasd ");
    await a.page.keyboard.down("ArrowRight");
    // Held while the room applies 20 of A's inputs (two thirds of a second of steps).
    await waitForAppliedInputs(a.page, 20);
    await a.page.keyboard.up("ArrowRight");
    await a.page.keyboard.type("hello from A");
    await a.page.keyboard.press("Enter");
    expect((await chatOf(a.page)).typing).toBe(false);

    const line = (chat: DebugState["chat"]) => chat.lines.some((l) => l.kind === "room" && l.name === aName && l.text === "wasd hello from A");
    await waitUntil(() => chatOf(b.page), line, "B to see A's line in the panel");
    await expect.poll(async () => (await b.page.getByTestId("chat-lines").textContent()) ?? "").toContain(`${aName}: wasd hello from A`);
    const seen = await waitUntil(() => chatOf(b.page), (chat) => chat.bubbles.some((x) => x.entity === aEntity), "B to show A's bubble");
    expect(seen.bubbles).toEqual([{ entity: aEntity, text: "wasd hello from A" }]);
    const rest = await waitForRest(a.page);
    expect(rest.self).toEqual(before);

    // The bubble is A's: it follows A when A walks sideways on B's screen — towards B, so that A stays in B's view
    // wherever the two spawned. A long line: ~6 s of bubble.
    const walking = "follow me: I am walking over to you, and this bubble comes along";
    await say(a.page, walking);
    const start = (await waitUntil(() => bubbleBox(b.page, aEntity), (box) => box?.text === walking, "B to show A's new bubble"))!;
    const bState = (await debugState(b.page))!;
    const east = bState.avatars.find((x) => x.self)!.x > bState.avatars.find((x) => x.id === aEntity)!.x;
    await holdKeyUntilMoved(a.page, east ? "KeyD" : "KeyA", 3);
    const moved = await waitUntil(
      () => bubbleBox(b.page, aEntity),
      (box) => box !== undefined && (east ? box.x > start.x + 40 : box.x < start.x - 40),
      `A's bubble to follow A ${east ? "east" : "west"}`,
    );
    expect(Math.abs(moved!.y - start.y)).toBeLessThan(40);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("a movement key held when the chat opens stops moving A until A leaves the chat with Esc", async () => {
    const { a, b } = players;
    const start = (await waitForRest(a.page)).self!;
    await a.page.keyboard.down("ArrowUp");
    await waitUntil(async () => (await debugState(a.page))!.self!, (self) => self.y > start.y + 0.3, "A to walk north");
    await a.page.keyboard.press("Enter");
    await waitUntil(() => chatOf(a.page), (chat) => chat.typing, "A's chat input to have focus");
    const atFocus = (await debugState(a.page))!.self!;
    // Still held, but A is typing: A comes to rest at once (what was in flight: well under a metre) and stays.
    const stopped = (await waitForRest(a.page)).self!;
    expect(stopped.y - atFocus.y).toBeLessThan(1);
    // And stays, while the room applies another half second of A's inputs with the key still held.
    expect((await waitForAppliedInputs(a.page, 15)).self).toEqual(stopped);
    await a.page.keyboard.press("Escape");
    expect((await chatOf(a.page)).typing).toBe(false);
    await waitUntil(async () => (await debugState(a.page))!.self!, (self) => self.y > stopped.y + 0.3, "A to walk on after Esc");
    await a.page.keyboard.up("ArrowUp");
  });

  it("`/me waves` shows as an emote line on both pages", async () => {
    const { a, b } = players;
    const aName = aState.avatars.find((avatar) => avatar.self)!.name;
    await say(a.page, "/me waves");
    const emoteLine = (chat: DebugState["chat"]) => chat.lines.some((l) => l.kind === "emote" && l.name === aName && l.text === "waves");
    await waitUntil(() => chatOf(b.page), emoteLine, "B to see A's emote line");
    await waitUntil(() => chatOf(a.page), emoteLine, "A to see its own emote line");
    await expect.poll(async () => (await b.page.getByTestId("chat-lines").textContent()) ?? "").toContain(`* ${aName} waves`);
  });

  it("an emote key makes A's avatar animate on B's page", async () => {
    const { a, b } = players;
    const aEntity = aState.entityId!;
    // A comes to stand 2–4 m from B, well inside B's view (the earlier tests walked A about).
    await walkWithinRange(a.page, (await waitForRest(b.page)).self!, 2, 4);
    await Promise.all([waitForRest(a.page), waitForRest(b.page)]);
    // Only the part of B's screen around A is compared: the room's deer may wander through the rest of the view.
    await say(a.page, "watch this");
    const head = (await waitUntil(() => bubbleBox(b.page, aEntity), (box) => box?.text === "watch this", "B to show A's bubble"))!;
    const viewport = b.page.viewportSize()!;
    const left = Math.max(0, Math.round(head.x - 90));
    const top = Math.max(0, Math.round(head.y - 10));
    const aroundA = { x: left, y: top, width: Math.min(180, viewport.width - left), height: Math.min(240, viewport.height - top) };
    await withSceneOnly(b.page, async (scene) => {
      const [still] = await waitUntil(async () => [await scene(), await scene()], ([x, y]) => x!.equals(y!), "B's scene to be still");
      await a.page.keyboard.press("KeyG");
      await a.page.getByTestId("emote-dance").waitFor();
      // 2: dance, the longest (2.4 s) and the one that never passes through standing straight while it plays.
      await a.page.keyboard.press("Digit2");
      const playing = await waitUntil(() => chatOf(b.page), (chat) => chat.emotes.some((e) => e.entity === aEntity), "A's avatar to play an emote on B's page");
      expect(playing.emotes).toEqual([{ entity: aEntity, emote: "dance" }]);
      // On screen: B's scene around A changes while A dances, and is as before once it is over.
      await waitUntil(scene, (frame) => !frame.equals(still!), "A's dance to show in B's scene", 5000);
      await waitUntil(() => chatOf(b.page), (chat) => chat.emotes.length === 0, "the emote to end", 5000);
      await waitUntil(scene, (frame) => frame.equals(still!), "B's scene as before the dance", 5000);
    }, aroundA);
  });

  it("`/who` answers with the room's players as a list", async () => {
    const { a, b } = players;
    await say(b.page, "/who");
    const names = [aState.avatars.find((x) => x.self)!.name, (await debugState(b.page))!.avatars.find((x) => x.self)!.name].sort();
    const chat = await waitUntil(() => chatOf(b.page), (c) => c.lines.some((l) => l.who !== undefined), "B to get /who's answer");
    expect(chat.lines.find((l) => l.who)!.who!.sort()).toEqual(names);
    await expect.poll(() => b.page.getByTestId("chat-who-player").count()).toBe(2);
  });

  it("B reading above: starting to type raises no \"new messages\" pill; A's next line does", async () => {
    const { a, b } = players;
    const lines = b.page.getByTestId("chat-lines");
    // Two of /help's tall answers make B's panel scroll, even at its typing height (280 px).
    const helps = await b.page.getByTestId("chat-help").count();
    await say(b.page, "/help");
    await say(b.page, "/help");
    await expect.poll(() => b.page.getByTestId("chat-help").count()).toBe(helps + 2);
    await waitUntil(() => lines.evaluate((list) => list.scrollHeight - 280), (overflow) => overflow > 100, "B's panel to scroll");
    // B scrolls to the top (the panel's scroll handler has run by the next frame).
    await lines.evaluate(async (list) => {
      list.scrollTop = 0;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    });
    await b.page.keyboard.press("Enter");
    await b.page.locator(".chat-panel.chat-typing").waitFor();
    // The panel grew, and nothing was said: the view stays where B reads, with no pill.
    expect(await b.page.getByTestId("chat-new-messages").count()).toBe(0);
    expect(await lines.evaluate((list) => list.scrollTop)).toBe(0);
    await b.page.keyboard.press("Escape");
    await b.page.locator(".chat-panel.chat-typing").waitFor({ state: "detached" });
    expect(await b.page.getByTestId("chat-new-messages").count()).toBe(0);

    await say(a.page, "anyone reading?");
    const pill = b.page.getByTestId("chat-new-messages");
    await pill.waitFor();
    expect(await lines.evaluate((list) => list.scrollTop)).toBe(0);
    await pill.click();
    await pill.waitFor({ state: "detached" });
    await expect.poll(() => lines.evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight)).toBeLessThanOrEqual(1);
  });
});
