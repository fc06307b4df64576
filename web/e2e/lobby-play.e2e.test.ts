import { describe, expect, inject, it } from "vitest";
import { twoPlayersPerSuite, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

describe("the lobby's public play in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it("Play for arena lands in a matchmade room; the lobby lists it with its count, and a second Play joins the same room", async () => {
    const { a, b } = players;
    await a.page.goto(`${baseUrl}/`);
    await a.page.getByTestId("play-arena").click();
    // Matchmade: a room of its own code, opened with the seat the lobby was given.
    await a.page.waitForURL(/\/rooms\/[a-z0-9-]+\?seat=/);
    const code = new URL(a.page.url()).pathname.split("/").pop()!;
    await waitForRoom(a.page, 1);

    await b.page.goto(`${baseUrl}/`);
    const row = b.page.locator(`[data-testid="public-room"][data-code="${code}"]`);
    await waitUntil(() => row.locator('[data-testid="public-room-count"]').textContent(), (text) => text === "1/24 players", "the lobby to list the arena with 1 player");
    expect(await b.page.getByTestId("rooms-arena").locator("a").first().textContent()).toBe(code);

    // The fullest arena with a free seat is A's: B lands beside A.
    await b.page.getByTestId("play-arena").click();
    await b.page.waitForURL(new RegExp(`/rooms/${code}\\?seat=`));
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);

    // A third page's lobby follows the count live (it polls the directory).
    const watcher = await players.newPlayer();
    await watcher.page.goto(`${baseUrl}/`);
    const counted = watcher.page.locator(`[data-testid="public-room"][data-code="${code}"] [data-testid="public-room-count"]`);
    await waitUntil(() => counted.textContent(), (text) => text === "2/24 players", "the lobby to show the arena with 2 players");
    await b.page.goto(`${baseUrl}/`);
    await waitUntil(() => counted.textContent(), (text) => text === "1/24 players", "the lobby to show B gone");
    expect([...a.errors, ...b.errors, ...watcher.errors]).toEqual([]);
  });
});
