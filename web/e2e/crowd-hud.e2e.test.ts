// The page's crowd HUD in Chromium against wrangler dev: the minimap (the room's world from its welcome, you and the
// players you see, drawn on its canvas), the searchable player list, and an avatar fading in as it enters your view.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { debugState, holdKeyUntilMoved, twoPlayersPerSuite, uniqueRoom, waitForRest, waitForRoom, waitUntil, type Player } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

describe("the crowd HUD: minimap, player list, fades", () => {
  const players = twoPlayersPerSuite();
  const room = uniqueRoom("crowd");
  let a: Player;
  let b: Player;

  beforeAll(() => {
    ({ a, b } = players);
  });

  it("B's avatar fades in on A's page when B arrives", async () => {
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    const { entityId: selfA } = await waitForRoom(a.page, 1);
    // Checked every frame on A's page from before B exists: the fade lasts ~300 ms, many frames.
    const fadedIn = a.page.waitForFunction(
      (self) => window.__edgehold?.state().fading.some((f) => f.id !== self && f.direction === "in" && f.opacity < 1),
      selfA,
      { polling: "raf", timeout: 30_000 },
    );
    // Awaited together: a watch that fails (a page without fades) fails the test, not the run.
    await Promise.all([fadedIn, b.page.goto(`${baseUrl}/rooms/${room}`)]);
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    // Then it is drawn whole: nothing stays faded.
    await waitUntil(() => debugState(a.page), (s) => s?.fading.length === 0, "the fade to finish");
  });

  it("the minimap spans the room's 128 m world and shows you and the player you see, drawn on its canvas", async () => {
    const stateB = (await debugState(b.page))!;
    const map = (await waitUntil(
      async () => (await debugState(a.page))?.movement.minimap,
      (m) => m !== undefined && m.draws > 0 && m.self !== undefined && m.players.some((p) => p.id === stateB.entityId),
      "A's minimap to show A and B",
    ))!;
    expect(map.world).toEqual({ min: -64, max: 64 });
    expect(map.size).toBe(170);
    const self = map.self!;
    // Where A stands, on a map 170 px across 128 m, north up.
    expect(self.px).toBeCloseTo(((self.x + 64) / 128) * 170, 5);
    expect(self.py).toBeCloseTo(((64 - self.y) / 128) * 170, 5);
    // The canvas has A's yellow dot there (read back from the canvas itself, not the debug hook).
    const pixel = await a.page.evaluate(({ px, py }) => {
      const canvas = document.querySelector<HTMLCanvasElement>("[data-testid=minimap] canvas")!;
      const ratio = canvas.width / canvas.clientWidth;
      return Array.from(canvas.getContext("2d")!.getImageData(Math.round(px * ratio), Math.round(py * ratio), 1, 1).data);
    }, self);
    expect(pixel).toEqual([0xff, 0xd1, 0x66, 255]);
    // A walks east: the map follows.
    await holdKeyUntilMoved(a.page, "KeyD", 6);
    await waitUntil(async () => (await debugState(a.page))!.movement.minimap.self!.px, (px) => px > self.px + 6, "A's dot to move east on the map");
    expect(a.errors).toEqual([]);
  });

  it("the player list finds a player by name, and typing in it does not move you", async () => {
    // A stands still (the walk above has come to rest), so any move would be the typed letters'.
    const stateA = await waitForRest(a.page);
    const nameB = stateA.avatars.find((v) => !v.self)!.name;
    const rows = a.page.getByTestId("player");
    expect(await rows.count()).toBe(2);
    await a.page.getByTestId("player-filter").click();
    // The name typed with wrong case: it is still found. Its letters include movement keys (A, D, S, W...).
    await a.page.keyboard.type(nameB.toUpperCase());
    await waitUntil(() => rows.allTextContents(), (t) => t.length === 1, "one row left");
    expect(await rows.first().textContent()).toBe(nameB);
    const after = (await debugState(a.page))!;
    expect(after.self).toEqual(stateA.self);
    await a.page.getByTestId("player-filter").fill("no such player");
    await waitUntil(() => rows.count(), (n) => n === 0, "no rows");
    await a.page.getByTestId("player-filter").fill("");
    await waitUntil(() => rows.count(), (n) => n === 2, "both rows back");
    // You are listed first.
    expect(await rows.first().textContent()).toContain("(you)");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
