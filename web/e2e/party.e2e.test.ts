import type { Page } from "playwright-core";
import { expect, inject, it, describe } from "vitest";
import { twoPlayersPerSuite, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The party frame's members as the page draws them: name and hp of each bar. */
function partyFrame(page: Page): Promise<{ name: string; hp: number }[]> {
  return page.$$eval("[data-testid=party-member]", (items) => items.map((item) => ({ name: item.getAttribute("data-name") ?? "", hp: Number(item.getAttribute("data-hp")) })));
}

describe("parties in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it("A and B (two dev identities) form a party from the page and see each other's HP in the party frame", async () => {
    const { a, b } = players;
    const room = uniqueRoom("party");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    const [aState, bState] = await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    expect(aState.playerId).not.toBe(bState.playerId);

    // A creates a party and invites B from the room's players.
    await a.page.getByTestId("party-toggle").click();
    await a.page.getByTestId("party-create").click();
    const inviteB = a.page.locator(`[data-testid=party-invite-player][data-player="${bState.playerId}"]`);
    await inviteB.click();
    await waitUntil(() => a.page.locator(".party-invited").count(), (n) => n === 1, "B listed as invited on A's panel");

    // B's panel shows the invite as it arrives (the panel polls /api/parties/me); B accepts.
    await waitUntil(() => b.page.getByTestId("party-toggle").textContent(), (text) => text?.includes("1 invite") === true, "the invite on B's panel");
    await b.page.getByTestId("party-toggle").click();
    await b.page.getByTestId("party-accept").click();

    // Both frames show both members with their HP, from the room's party channel.
    for (const page of [a.page, b.page]) {
      const frame = await waitUntil(() => partyFrame(page), (members) => members.length === 2, "both members in the party frame");
      for (const member of frame) expect(member.hp).toBe(100);
    }
    expect((await partyFrame(a.page)).map((m) => m.name).sort()).toEqual((await partyFrame(b.page)).map((m) => m.name).sort());
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
