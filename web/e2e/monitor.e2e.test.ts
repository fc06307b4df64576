import { describe, expect, inject, it } from "vitest";
import { DEV_ADMIN_TOKEN } from "../../scripts/lib/dev-admin-token.ts";
import { cspViolations, twoPlayersPerSuite, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The operators' monitor (/admin): A plays in a room while B, the operator, watches it and acts on it. */
describe("the monitor page", () => {
  const players = twoPlayersPerSuite();

  it("asks for the token, shows the live room and its player, plots every 2 s, and kicks", async () => {
    const { a, b: operator } = players;
    const room = uniqueRoom("monitor");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await waitForRoom(a.page, 1);

    await operator.page.goto(`${baseUrl}/admin`);
    await operator.page.getByTestId("admin-token").fill("not-the-token");
    await operator.page.getByRole("button", { name: "Open the monitor" }).click();
    await expect.poll(() => operator.page.getByTestId("admin-token-error").textContent()).toContain("wrong admin token");

    // The wrong token's 401 is the browser's console error; from the right token on, the page logs none.
    const errorsBeforeToken = operator.errors.length;
    await operator.page.getByTestId("admin-token").fill(DEV_ADMIN_TOKEN);
    await operator.page.getByRole("button", { name: "Open the monitor" }).click();
    const row = operator.page.locator(`[data-testid=admin-rooms] tr[data-room="${room}"]`);
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => row.getByTestId("admin-room-players").textContent(), { timeout: 20_000 }).toBe("1");
    // The plots gain a point per poll.
    const points = () => operator.page.getByTestId("chart-ccu").getAttribute("data-points").then(Number);
    const first = await points();
    await expect.poll(points, { timeout: 10_000 }).toBeGreaterThan(first);

    await row.click();
    const panel = operator.page.getByTestId("admin-room");
    await panel.locator("[data-testid=admin-players] tr[data-player]").first().waitFor();

    await operator.page.getByTestId("admin-broadcast-text").fill("maintenance in five minutes");
    await operator.page.getByRole("button", { name: "Broadcast" }).click();
    await waitUntil(() => a.page.getByTestId("chat-lines").textContent(), (text) => (text ?? "").includes("maintenance in five minutes"), "A to see the operator's line");

    await panel.getByRole("button", { name: "Kick" }).first().click();
    await expect.poll(() => a.page.evaluate(() => window.__edgehold?.state()?.phase), { timeout: 20_000 }).toBe("closed");
    // What the page says for close code 4004 (and no other): the kick, not a drop it would reconnect after.
    expect(await a.page.getByTestId("disconnected").textContent()).toContain("removed from the room");
    // The room stays listed (empty rooms leave the directory after 60 s) with nobody in it.
    await expect.poll(() => row.getByTestId("admin-room-players").textContent(), { timeout: 20_000 }).toBe("0");

    expect(await cspViolations(operator.page)).toEqual([]);
    expect(operator.errors.slice(errorsBeforeToken)).toEqual([]);
  });
});
