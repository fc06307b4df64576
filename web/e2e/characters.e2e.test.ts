import { describe, expect, inject, it } from "vitest";
import { chromiumPerSuite, debugState, uniqueRoom, waitForRoom, waitUntil } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

describe("characters in Chromium (dev mode)", () => {
  const chromium = chromiumPerSuite();

  it("a character created on the character screen shows its name and colour to another player in the room", async () => {
    const a = await chromium.newPlayer();
    const b = await chromium.newPlayer();
    const room = uniqueRoom("chars");

    await a.page.goto(`${baseUrl}/characters?room=${room}`);
    await a.page.getByTestId("character-screen").waitFor();
    // The form runs the API's name rule while typing: a name posing as a role is told, and cannot be sent.
    await a.page.locator("input[name=name]").fill("Lyra the 0wner");
    await a.page.getByTestId("name-problem").filter({ hasText: "may not pose as a role" }).waitFor();
    expect(await a.page.getByRole("button", { name: "Create" }).isDisabled()).toBe(true);
    await a.page.locator("input[name=name]").fill("Lyra Quill");
    await a.page.getByTestId("name-problem").waitFor({ state: "detached" });
    await a.page.getByTestId("class-mage").click();
    await a.page.locator("input[name=color]").fill("#aa00ff");
    await a.page.getByRole("button", { name: "Create" }).click();
    const created = a.page.getByTestId("character").filter({ hasText: "Lyra Quill" });
    await created.waitFor();
    // The first character is selected automatically.
    expect(await created.getAttribute("data-active")).toBe("true");

    await a.page.getByRole("link", { name: `Back to room ${room}` }).click();
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);

    const seen = await waitUntil(
      async () => (await debugState(b.page))?.avatars.find((v) => !v.self),
      (v) => v?.name === "Lyra Quill",
      "B to draw A's avatar labelled with the character's name",
    );
    expect(seen?.name).toBe("Lyra Quill");
    const entry = b.page.getByTestId("player").filter({ hasText: "Lyra Quill" });
    await entry.waitFor();
    const swatch = await entry.locator(".swatch").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(swatch).toBe("rgb(170, 0, 255)");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
