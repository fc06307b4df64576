import { decodeMsgpack } from "@edgehold/protocol";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEV_ADMIN_TOKEN } from "../../scripts/lib/dev-admin-token.ts";
import { cspViolations, twoPlayersPerSuite, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The frame times `page` reported to its room (`telemetry.report`), read off its socket as they go out. */
function reportedFrameTimes(page: Page): number[] {
  const reported: number[] = [];
  page.on("websocket", (socket) => {
    socket.on("framesent", ({ payload }) => {
      const frame = (typeof payload === "string" ? JSON.parse(payload) : decodeMsgpack(payload)) as { feature?: string; action?: string; payload?: { frameTimeP95Ms?: number } };
      if (frame.feature === "telemetry" && frame.action === "report" && typeof frame.payload?.frameTimeP95Ms === "number") reported.push(frame.payload.frameTimeP95Ms);
    });
  });
  return reported;
}

/** The frame time a monitor cell shows (its `data-ms`: the figure as the room has it), undefined while it shows none. */
const frameTimeIn = async (cell: Locator) => {
  const ms = await cell.getAttribute("data-ms");
  return ms ? Number(ms) : undefined;
};

/** The operators' monitor (/admin): A plays in a room while B, the operator, watches it and acts on it. */
describe("the monitor page", () => {
  const players = twoPlayersPerSuite();

  it("asks for the token, shows the live room and its player with the frame time A's page reports, plots every 2 s, makes A owner, and kicks", async () => {
    const { a, b: operator } = players;
    const room = uniqueRoom("monitor");
    const reported = reportedFrameTimes(a.page);
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

    // A's page reports its frame time every 10 s; the room tells the directory at its next heartbeat (5 s): the
    // rooms table shows what A's page sent, not a figure of its own.
    const isReported = (ms: number | undefined) => ms !== undefined && reported.includes(ms);
    await expect.poll(() => frameTimeIn(row.getByTestId("admin-room-frame")), { timeout: 40_000 }).toSatisfy(isReported);
    expect(await row.getByTestId("admin-room-frame").textContent()).toMatch(/^\d+\.\d ms$/);

    await row.click();
    const panel = operator.page.getByTestId("admin-room");
    const aRow = panel.locator("[data-testid=admin-players] tr[data-player]").first();
    await aRow.waitFor();
    // The room's own figure for A (its detail, asked of the room itself): a frame time A's page reported.
    await expect.poll(() => frameTimeIn(aRow.getByTestId("admin-player-frame")), { timeout: 20_000 }).toSatisfy(isReported);

    // A room opened by link has no owner: the operator makes A its owner; A is told, and the panel shows it.
    expect(await aRow.getByTestId("admin-owner").count()).toBe(0);
    await aRow.getByTestId("admin-make-owner").click();
    await waitUntil(() => a.page.getByTestId("chat-lines").textContent(), (text) => (text ?? "").includes("The operator made you this room's owner."), "A to be told it owns the room");
    await aRow.getByTestId("admin-owner").waitFor();
    await aRow.getByTestId("admin-make-owner").waitFor({ state: "detached" });

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
