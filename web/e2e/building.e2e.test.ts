import { BUILD_BODY_MARGIN_METRES } from "@edgehold/protocol";
import { BODY_RADIUS } from "@edgehold/sim-core";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { debugState, twoPlayersPerSuite, uniqueRoom, waitForRest, waitForRoom, waitUntil } from "./support/browser.ts";
import { pointAt } from "./support/pointing.ts";

const baseUrl = inject("edgeholdUrl");

/**
 * Holds `key` until the own body's x passes `x` (towards +x for KeyD), then lets go and waits for it to rest. Spawn
 * points lie 4–8 m from the origin, and walls may not stand within 3 m of them: a builder walks out first.
 */
async function walkEastPast(page: Page, x: number): Promise<void> {
  await page.keyboard.down("KeyD");
  await waitUntil(async () => (await debugState(page))!.self?.x ?? -Infinity, (at) => at >= x, `walking east past x = ${x}`);
  await page.keyboard.up("KeyD");
  await waitForRest(page);
}

describe("building in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it("A places a wall under ?lag=150, B sees it, A walks into it with 0 corrections, and a reload keeps it", async () => {
    const { a, b } = players;
    const room = uniqueRoom("build");
    await a.page.goto(`${baseUrl}/rooms/${room}?lag=150`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    await walkEastPast(a.page, 13);
    const start = (await waitForRest(a.page)).self!;
    // The first tile east of A that the room lets A build: no wall may touch anyone's body grown by the build
    // margin, the builder's own included, so its west face lies more than the margin beyond A's east edge (the
    // tile right beyond the edge was refused whenever A came to rest within a quarter metre of it: the "B to see
    // A's wall" timeouts this test used to retry). A meets it within a few steps, before the room's answer to the
    // placement can arrive 150 ms later, so only prediction can stop A at it without a correction.
    const wall = { tx: Math.floor(start.x + BODY_RADIUS + BUILD_BODY_MARGIN_METRES) + 1, ty: Math.floor(start.y) };

    await a.page.keyboard.press("KeyB");
    await a.page.keyboard.press("Digit1");
    await waitUntil(async () => (await debugState(a.page))!.build.active, (active) => active, "build mode on");
    await pointAt(a.page, wall);
    // The page predicts the room's rules: a green ghost here, or the reason it would be refused.
    expect((await debugState(a.page))!.build.ghostRefusal).toBeNull();
    await a.page.mouse.down({ button: "left" });
    await a.page.mouse.up({ button: "left" });
    // Walk into it: held until the body stands at the wall's face (a predicted wall stops it at once).
    await a.page.keyboard.down("KeyD");
    await waitUntil(async () => (await debugState(a.page))!.self!.x, (x) => x >= wall.tx - BODY_RADIUS, "A at the wall");
    await a.page.keyboard.up("KeyD");

    const isWall = (s: { tx: number; ty: number; kind: string }) => s.tx === wall.tx && s.ty === wall.ty && s.kind === "wall";
    await waitUntil(async () => (await debugState(b.page))!.build.structures, (list) => list.some(isWall), "B to see A's wall");
    const rest = await waitForRest(a.page);
    // Stopped flush at the wall's west face (bodies are 0.75 m squares), predicted without a correction.
    expect(rest.self!.x).toBe(wall.tx - BODY_RADIUS);
    expect(rest.selfServer!.x).toBe(wall.tx - BODY_RADIUS);
    expect(rest.corrections, JSON.stringify({ rest, warnings: a.warnings.slice(0, 10) })).toBe(0);

    await a.page.reload();
    await waitForRoom(a.page, 2);
    await waitUntil(async () => (await debugState(a.page))!.build.structures, (list) => list.some(isWall), "the wall after a reload");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("the ghost turns red out of reach, and a click there builds nothing and corrects nothing (the room refuses it too)", async () => {
    const { a, b } = players;
    const room = uniqueRoom("reach");
    await a.page.goto(`${baseUrl}/rooms/${room}?lag=150`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    await walkEastPast(a.page, 13);
    const at = (await waitForRest(a.page)).self!;
    await a.page.keyboard.press("KeyB");
    await waitUntil(async () => (await debugState(a.page))!.build.active, (active) => active, "build mode on");
    // Two tiles east is within reach: a green ghost.
    const near = { tx: Math.floor(at.x) + 2, ty: Math.floor(at.y) };
    await pointAt(a.page, near);
    expect((await debugState(a.page))!.build.ghostRefusal).toBeNull();
    // Ten tiles east is beyond the 6 m reach: red, and the reason says so.
    const far = { tx: Math.floor(at.x) + 10, ty: Math.floor(at.y) };
    await pointAt(a.page, far);
    expect((await debugState(a.page))!.build.ghostRefusal).toBe("out_of_reach");
    await a.page.mouse.down({ button: "left" });
    await a.page.mouse.up({ button: "left" });
    // The room's answer arrives (a build_rejected naming out_of_reach); nothing was built, nothing corrected.
    // The HUD's event lines, not the build bar (which says the same of the red ghost before any click).
    await waitUntil(async () => a.page.locator(".hud-events").getByText(/too far away/).count(), (n) => n > 0, "the refusal in the HUD");
    const after = await waitForRest(a.page);
    expect(after.build.structures).toEqual([]);
    expect(after.corrections).toBe(0);
    expect((await debugState(b.page))!.build.structures).toEqual([]);
    expect(a.errors).toEqual([]);
  });
});
