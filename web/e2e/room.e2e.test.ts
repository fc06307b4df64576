import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  cspViolations,
  debugState,
  holdKeysUntilMoved,
  holdKeyUntilMoved,
  twoPlayersPerSuite,
  uniqueRoom,
  waitForFrames,
  waitForRest,
  waitForRoom,
  waitUntil,
  type Player,
} from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");
const repoRoot = join(import.meta.dirname, "..", "..");
const SCREENSHOT = join(repoRoot, "artifacts", "screenshot-room.png");

describe("the room page in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();
  const room = uniqueRoom("e2e");
  let a: Player;
  let b: Player;

  beforeAll(() => {
    ({ a, b } = players);
  });

  it("puts two players from a room link straight into the same room, each seeing 2 players", async () => {
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    const [stateA, stateB] = await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
    expect(stateA.playerId).not.toBe(stateB.playerId);
    for (const { page } of [a, b]) {
      await waitUntil(() => page.getByTestId("hud-players").textContent(), (t) => t === "2 players online", "the HUD to say 2 players");
      expect(await page.getByTestId("player").count()).toBe(2);
      expect(await page.getByTestId("connection").getAttribute("data-phase")).toBe("open");
    }
    // Both are near the spawn ring and in view: this is the screenshot of the running game.
    await b.page.keyboard.press("F3");
    await b.page.getByTestId("net-graph").waitFor();
    // The graph has figures (a measured RTT) and a few frames drawn with it open.
    await waitUntil(() => b.page.getByTestId("net-rtt").textContent(), (t) => t !== null && t !== "—", "an RTT in the net-graph");
    await waitForFrames(b.page, 10);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await b.page.screenshot({ path: SCREENSHOT });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("moves A's avatar as seen in B while a key is held in A", async () => {
    const { entityId: idA } = (await debugState(a.page))!;
    const seenBefore = (await debugState(b.page))!.avatars.find((v) => v.id === idA)!;
    await a.page.keyboard.down("KeyD");
    const seenMoving = await waitUntil(
      async () => (await debugState(b.page))!.avatars.find((v) => v.id === idA)!,
      (v) => v.x > seenBefore.x + 3,
      "B to see A move 3 m east",
    );
    await a.page.keyboard.up("KeyD");
    expect(seenMoving.y).toBe(seenBefore.y);
    // And B's view settles exactly where A's own prediction and the server put A.
    const restA = await waitForRest(a.page);
    const seenAtRest = await waitUntil(
      async () => (await debugState(b.page))!.avatars.find((v) => v.id === idA)!,
      (v) => v.x === restA.self!.x && v.y === restA.self!.y,
      "B to see A at rest where A is",
    );
    expect(seenAtRest.x).toBeGreaterThan(seenBefore.x + 3);
  });

  it("shows zero corrections in the net-graph while A walks with ?lag=150", async () => {
    const laggy = await players.newPlayer();
    await laggy.page.goto(`${baseUrl}/rooms/${room}?lag=150`);
    await waitForRoom(laggy.page, 3);
    await laggy.page.keyboard.press("F3");
    await laggy.page.getByTestId("net-graph").waitFor();
    const start = (await debugState(laggy.page))!.self!;

    // Walk a path with starts, stops, turns and diagonals: each leg held until it covered its distance (a stop:
    // nothing held for a few frames, while the body glides on).
    const legs: [string[], number][] = [[["KeyW"], 3], [["KeyW", "KeyD"], 2], [["KeyD"], 1.5], [[], 0], [["KeyS", "KeyA"], 2], [["ArrowLeft"], 1]];
    for (const [keys, metres] of legs) {
      if (keys.length === 0) await waitForFrames(laggy.page, 15);
      else await holdKeysUntilMoved(laggy.page, keys, metres);
    }
    const rest = await waitForRest(laggy.page);
    expect(Math.hypot(rest.self!.x - start.x, rest.self!.y - start.y)).toBeGreaterThan(2);
    const roomInfo: unknown = await (await fetch(`${baseUrl}/api/rooms/${room}`)).json();
    expect(rest.corrections, JSON.stringify({ rest, roomInfo, warnings: laggy.warnings.slice(0, 10) })).toBe(0);
    expect(await laggy.page.getByTestId("net-corrections").textContent()).toBe("0");
    // The lag really applied: the round trip includes the 150 ms.
    const rtt = await waitUntil(() => laggy.page.getByTestId("net-rtt").textContent(), (t) => t !== null && t !== "—", "an RTT");
    expect(Number.parseInt(rtt ?? "", 10)).toBeGreaterThanOrEqual(150);
    expect(laggy.errors).toEqual([]);
    await laggy.context.close();
  });

  it("resumes the same player at the same place after a reload", async () => {
    await holdKeyUntilMoved(a.page, "KeyS", 1.5);
    const before = await waitForRest(a.page);
    await a.page.reload();
    const after = await waitForRoom(a.page, 2);
    expect(after.resumed).toBe(true);
    expect(after.playerId).toBe(before.playerId);
    expect(after.self).toEqual(before.self);
    // B still sees two players, A where A was.
    const seen = await waitUntil(
      async () => (await debugState(b.page))!,
      (s) => s.players === 2 && s.avatars.some((v) => v.x === before.self!.x && v.y === before.self!.y),
      "B to see A back in place",
    );
    expect(seen.avatars).toHaveLength(2);
  });

  it("closes the socket and disposes the scene when leaving the room for the lobby", async () => {
    await a.page.getByRole("link", { name: "Edgehold" }).click();
    await a.page.getByTestId("lobby").waitFor();
    expect(await debugState(a.page)).toBeUndefined();
    expect(await a.page.locator("canvas").count()).toBe(0);
    await waitUntil(() => debugState(b.page), (s) => s?.players === 1, "B to see A leave");
    // The lobby lists the room just visited, with its live count.
    await waitUntil(() => a.page.getByTestId("recent-rooms").textContent(), (t) => t?.includes(`${room}1 player online`) ?? false, "the recent room with 1 player");
  });

  it("explains an invalid room code instead of showing a blank page", async () => {
    await b.page.goto(`${baseUrl}/rooms/not%20a%20room!`);
    await b.page.getByTestId("invalid-room").waitFor();
    expect(await b.page.getByRole("heading").textContent()).toContain("not a room code");
  });

  it("creates a room from the lobby and lands in it", async () => {
    await a.page.getByTestId("create-room").click();
    await a.page.waitForURL(/\/rooms\/[a-z]+-[a-z]+-[2-9a-z]{3}-[2-9a-z]{4}$/);
    await waitForRoom(a.page, 1);
  });

  it("opens the lobby without downloading the game, and fetches it on entering a room", async () => {
    const visitor = await players.newPlayer();
    let scriptBytes = 0;
    visitor.page.on("response", async (response) => {
      if (response.request().resourceType() === "script") scriptBytes += (await response.body()).byteLength;
    });
    await visitor.page.goto(`${baseUrl}/`);
    await visitor.page.getByTestId("create-room").waitFor();
    await visitor.page.waitForLoadState("networkidle");
    const lobbyBytes = scriptBytes;
    await visitor.page.getByTestId("create-room").click();
    await waitForRoom(visitor.page, 1);
    const gameBytes = scriptBytes - lobbyBytes;
    // Three.js alone is ~550 kB minified: the lobby must not carry it, the room must fetch it.
    expect(lobbyBytes).toBeGreaterThan(0);
    expect(lobbyBytes).toBeLessThan(500_000);
    expect(gameBytes).toBeGreaterThan(400_000);
    expect(visitor.errors).toEqual([]);
  });

  it("reloads itself when the game's chunk of an older build is gone (a deploy while the tab was open)", async () => {
    const visitor = await players.newPlayer();
    const { page } = visitor;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("create-room").waitFor();
    // The first request for the game chunk fails, as it does for a tab whose build was replaced.
    let failed = 0;
    await page.route(/\/assets\/RoomPage-[^/]+\.js$/, (route) => (failed++ === 0 ? route.fulfill({ status: 404, body: "" }) : route.continue()));
    const reloaded = page.waitForEvent("load");
    await page.getByTestId("create-room").click();
    await reloaded;
    expect(failed).toBe(1);
    // The reloaded page works: the same click now lands in a room.
    await page.getByTestId("create-room").click();
    await waitForRoom(page, 1);
    expect(failed).toBe(2);
    expect(visitor.errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
  });

  it("serves the page under its Content-Security-Policy, which nothing the room does violates", async () => {
    const visitor = await players.newPlayer();
    const response = await visitor.page.goto(`${baseUrl}/rooms/${uniqueRoom("csp")}`);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The room plays: sim.wasm compiled, the socket open, Three.js drawing, the player walking.
    const start = (await waitForRoom(visitor.page, 1)).self!;
    await visitor.page.keyboard.down("KeyW");
    await waitUntil(() => debugState(visitor.page), (s) => s?.self !== undefined && (s.self.x !== start.x || s.self.y !== start.y), "the player to move");
    await visitor.page.keyboard.up("KeyW");
    await visitor.page.keyboard.press("F3");
    await visitor.page.getByTestId("net-graph").waitFor();
    expect(await cspViolations(visitor.page)).toEqual([]);
    expect(visitor.errors).toEqual([]);
    // And the policy is enforced: an injected inline script does not run.
    await visitor.page.addScriptTag({ content: "window.__injected = true;" }).catch(() => undefined);
    expect(await visitor.page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(await cspViolations(visitor.page)).toEqual(["script-src-elem blocked inline"]);
  });
});
