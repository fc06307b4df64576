import type { Page } from "playwright-core";
import { expect, inject, it, describe } from "vitest";
import { twoPlayersPerSuite, uniqueRoom, waitForRoom, waitUntil, type Player } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The party frame's members as the page draws them: name and hp of each bar. */
function partyFrame(page: Page): Promise<{ name: string; hp: number }[]> {
  return page.$$eval("[data-testid=party-member]", (items) => items.map((item) => ({ name: item.getAttribute("data-name") ?? "", hp: Number(item.getAttribute("data-hp")) })));
}

/**
 * A and B meet in a fresh room and form a party from the page: A creates it and invites B from the room's players,
 * B accepts the invite as it arrives; returns once both party frames show both members.
 */
async function formPartyOnPage(a: Player, b: Player): Promise<void> {
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
  await bothInPartyFrames(a, b);
}

/** Both frames show both members, at full HP, from the room's party channel. */
async function bothInPartyFrames(a: Player, b: Player): Promise<void> {
  for (const page of [a.page, b.page]) {
    const frame = await waitUntil(() => partyFrame(page), (members) => members.length === 2, "both members in the party frame");
    for (const member of frame) expect(member.hp).toBe(100);
  }
  expect((await partyFrame(a.page)).map((m) => m.name).sort()).toEqual((await partyFrame(b.page)).map((m) => m.name).sort());
}

describe("parties in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it("A and B (two dev identities) form a party from the page and see each other's HP in the party frame", async () => {
    const { a, b } = players;
    await formPartyOnPage(a, b);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe("a party's Play in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it("A leads, presses Play for arena; B takes the offer to join; both are in that room with each other's HP; the lobby counts 2", async () => {
    const { a, b } = players;
    await formPartyOnPage(a, b);

    // A goes to the lobby and plays: the matchmake seats the whole party in one arena.
    await a.page.goto(`${baseUrl}/`);
    await a.page.getByTestId("play-arena").click();
    await a.page.waitForURL(/\/rooms\/[a-z0-9-]+\?seat=/);
    const code = new URL(a.page.url()).pathname.split("/").pop()!;

    // B, still in the old room, is offered the seat held for them (event party.summon) and takes it.
    const sockets: string[] = [];
    b.page.on("websocket", (socket) => sockets.push(socket.url()));
    const offer = b.page.getByTestId("party-summon");
    await waitUntil(() => offer.textContent(), (text) => text === `Join your party in ${code}`, "B offered to join the party's room");
    await offer.click();
    await b.page.waitForURL(new RegExp(`/rooms/${code}\\?seat=`));
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    // B's socket to the arena carries the seat (the page moved in place, from room to room).
    const seat = new URL(b.page.url()).searchParams.get("seat")!;
    const arenaSockets = sockets.filter((url) => new URL(url).pathname === `/api/rooms/${code}/ws`);
    expect(arenaSockets.map((url) => new URL(url).searchParams.get("seat"))).toContain(seat);
    await bothInPartyFrames(a, b);
    // There, the offer has done its work.
    expect(await offer.count()).toBe(0);

    // A third page's lobby lists the arena with the two of them.
    const watcher = await players.newPlayer();
    await watcher.page.goto(`${baseUrl}/`);
    const counted = watcher.page.locator(`[data-testid="public-room"][data-code="${code}"] [data-testid="public-room-count"]`);
    await waitUntil(() => counted.textContent(), (text) => text === "2/24 players", "the lobby to list the arena with 2 players");
    expect([...a.errors, ...b.errors, ...watcher.errors]).toEqual([]);
  });
});
