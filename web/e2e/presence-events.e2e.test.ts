import { describe, expect, inject, it } from "vitest";
import { debugState, type Player, twoPlayersPerSuite, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The HUD's recent-event lines (presence join/leave and the like go there through their client feature). */
const hudEvents = (player: Player) => player.page.locator(".hud-events li").allTextContents();

describe("presence events in the HUD, dispatched to the presence client feature", () => {
  const players = twoPlayersPerSuite();

  it("shows who joined and, by name, who left", async () => {
    const { a, b } = players;
    const room = uniqueRoom("presence");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await waitForRoom(a.page, 1);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    const { entityId: idB } = await waitForRoom(b.page, 2);
    const { avatars } = await waitForRoom(a.page, 2);
    const nameB = avatars.find((v) => v.id === idB)!.name;
    expect(nameB.length).toBeGreaterThan(0);
    await waitUntil(() => hudEvents(a), (lines) => lines.includes(`${nameB} joined`), "A's HUD to say B joined");

    await b.page.getByRole("link", { name: "Edgehold" }).click();
    await b.page.getByTestId("lobby").waitFor();
    const lines = await waitUntil(() => hudEvents(a), (l) => l.some((t) => t.startsWith(`${nameB} left (`)), "A's HUD to name B as leaving");
    expect(lines.filter((t) => t.startsWith("a player left"))).toEqual([]);
    expect(await debugState(a.page)).toMatchObject({ players: 1 });
    expect(a.errors).toEqual([]);
  });
});
