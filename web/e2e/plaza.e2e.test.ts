// A plaza in Chromium against wrangler dev (issue 19 §4): two players out of each other's view, one walking into view
// (faded in on the other's page) and on into a tree or rock of the scenery, stopping exactly where its page predicted.
import { BODY_RADIUS, generateScenery, TILE_MAX, TILE_MIN, type Scenery } from "@edgehold/sim-core";
import { describe, expect, inject, it } from "vitest";
import { scatterPoint } from "../../worker/src/features/movement/spawn-point.ts";
import { chromiumPerSuite, debugState, waitForRest, waitUntil, type Player } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");
const PLAZA = { minTile: TILE_MIN, maxTile: TILE_MAX };
/** The plaza's interest radius (m): a player beyond it is not sent, and enters the view at it. */
const RADIUS = 64;

/** A plaza made through the API, as the lobby makes one. */
async function createPlaza(owner: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/rooms`, {
    method: "POST",
    headers: { "X-Player-Id": owner, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "plaza" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

/** Opens the plaza as dev player `playerId` (the page's stored identity, set before it loads). */
async function openAs(player: Player, code: string, playerId: string): Promise<void> {
  await player.context.addInitScript((id) => {
    localStorage.setItem("edgehold.devPlayerId", id);
    sessionStorage.setItem("edgehold.tabPlayerId", id);
  }, playerId);
  await player.page.goto(`${baseUrl}/rooms/${code}`);
}

/** Where a body walking along x from (x, y) (towards +x when `east`) stops at the first blocking tile, if any. */
function stopAlongX(blocked: ReadonlySet<string>, x: number, y: number, east: boolean, maxMetres: number): number | undefined {
  const rows = [Math.floor(y - BODY_RADIUS), Math.floor(y + BODY_RADIUS)];
  const step = east ? 1 : -1;
  const first = Math.floor(east ? x + BODY_RADIUS : x - BODY_RADIUS);
  for (let column = first + step; Math.abs(column - first) <= maxMetres; column += step) {
    if (rows.some((row) => blocked.has(`${column},${row}`))) return east ? column - BODY_RADIUS : column + 1 + BODY_RADIUS;
  }
  return undefined;
}

/**
 * A player id whose spawn point (a hash of the id) lies 80–95 m from `other` (out of its view) with clear ground under
 * it, such that walking along x towards `other` comes within 60 m of it (into view) and then meets a tree or rock
 * within 40 m of walking: the shortest walk that shows both.
 */
function walkerNear(scenery: Scenery, blocked: ReadonlySet<string>, other: { x: number; y: number }) {
  for (let i = 0; i < 500_000; i++) {
    const id = `walker-${i}`;
    const at = scatterPoint(id, PLAZA);
    const distance = Math.hypot(at.x - other.x, at.y - other.y);
    if (distance < 80 || distance > 95 || Math.abs(at.y - other.y) > 40) continue;
    // The room spawns the player there only if no scenery lies under its body's corners (else at another point).
    const corners = [-BODY_RADIUS, BODY_RADIUS].flatMap((dx) => [-BODY_RADIUS, BODY_RADIUS].map((dy) => `${Math.floor(at.x + dx)},${Math.floor(at.y + dy)}`));
    if (corners.some((corner) => blocked.has(corner))) continue;
    const east = other.x > at.x;
    const stop = stopAlongX(blocked, at.x, at.y, east, 40);
    if (stop === undefined || Math.hypot(stop - other.x, at.y - other.y) > 60) continue;
    return { id, at, east };
  }
  throw new Error(`no walker found among 500,000 ids (${scenery.tiles.length} scenery tiles)`);
}

describe("a plaza: interest, fades and scenery on the page", () => {
  const suite = chromiumPerSuite();

  it("a player out of view walks into view (faded in on the other's page) and into a tree, with 0 corrections", async () => {
    const code = await createPlaza("plaza-e2e-owner");
    const [a, b] = [await suite.newPlayer(), await suite.newPlayer()];
    // B spawns within 100 m of the middle (spawn points are a hash of the player id), leaving room all around.
    let j = 0;
    while (Math.max(Math.abs(scatterPoint(`plaza-b-${j}`, PLAZA).x), Math.abs(scatterPoint(`plaza-b-${j}`, PLAZA).y)) > 100) j++;
    await openAs(b, code, `plaza-b-${j}`);
    const first = (await waitUntil(() => debugState(b.page), (s) => s?.phase === "open" && s.self !== undefined && s.scenerySeed !== undefined, "B in the plaza"))!;
    const scenery = generateScenery(first.scenerySeed!, PLAZA);
    const blocked = new Set(scenery.tiles.map(({ tx, ty }) => `${tx},${ty}`));
    // B's page draws the scenery near it: the page generated the same tiles from the welcome's seed.
    await waitUntil(() => debugState(b.page), (s) => (s?.sceneryDrawn ?? []).some((n) => n > 0), "B's page to draw scenery");
    const selfB = (await waitForRest(b.page)).self!;
    const walker = walkerNear(scenery, blocked, selfB);

    await openAs(a, code, walker.id);
    const spawned = (await waitUntil(() => debugState(a.page), (s) => s?.phase === "open" && s.self !== undefined && s.players === 2, "A in the plaza"))!;
    expect(spawned.self).toEqual({ x: expect.closeTo(walker.at.x, 2), y: expect.closeTo(walker.at.y, 2) });
    expect(spawned.scenerySeed).toBe(first.scenerySeed);
    // Both in the room's roster, neither in the other's view: each page draws its own avatar only.
    for (const page of [a.page, b.page]) {
      const state = (await waitUntil(() => debugState(page), (s) => s?.players === 2, "both players listed"))!;
      expect(state.avatars.map((v) => v.self)).toEqual([true]);
    }
    const start = (await waitForRest(a.page)).self!;
    const expectedStop = stopAlongX(blocked, start.x, start.y, walker.east, 40)!;

    // Watched on B's page every frame from before A moves: A's avatar fading in as it enters B's view.
    const fadedIn = b.page.waitForFunction(
      (self) => window.__edgehold?.state().fading.some((f) => f.id !== self && f.direction === "in" && f.opacity < 1),
      first.entityId,
      { polling: "raf", timeout: 60_000 },
    );
    const key = walker.east ? "KeyD" : "KeyA";
    await a.page.keyboard.down(key);
    try {
      await fadedIn;
      // A keeps walking until the tree or rock stops it.
      await waitUntil(() => debugState(a.page), (s) => s !== undefined && Math.abs(s.self!.x - expectedStop) < 0.01, "A to reach the scenery", 30_000);
    } finally {
      await a.page.keyboard.up(key);
    }
    const rest = await waitForRest(a.page);
    expect(rest.self).toEqual({ x: expectedStop, y: start.y });
    expect(rest.selfServer).toEqual(rest.self);
    expect(rest.corrections).toBe(0);
    expect(rest.avatars.length).toBe(2);
    // B draws A interpolated, a snapshot or two behind: wait for A's stop to reach B's page.
    const atRestOnB = (s: Awaited<ReturnType<typeof debugState>>) =>
      s !== undefined && s.avatars.length === 2 && s.fading.length === 0 && s.avatars.find((v) => !v.self)?.x === expectedStop;
    const onB = (await waitUntil(() => debugState(b.page), atRestOnB, "A drawn whole and at rest on B's page"))!;
    expect(onB.avatars.find((v) => !v.self)).toMatchObject({ x: expectedStop, y: start.y });
    expect(onB.corrections).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
