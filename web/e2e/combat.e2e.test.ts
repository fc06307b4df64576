import { TICK_RATE } from "@edgehold/sim-core";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { debugState, holdKeyUntilMoved, twoPlayersPerSuite, uniqueRoom, waitForRest, waitForRoom, waitUntil, walkWithinRange } from "./support/browser.ts";

const baseUrl = inject("edgeholdUrl");

/** The warrior's axe (the default class) flies 7 m: stand 3–5 m from the target, clear of its body. */
const NEAR = 3;
const FAR = 5;
/** A player who spawns is protected for 3 s (worker/src/features/combat/spawn-protection.ts): shots pass through. */
const SPAWN_PROTECTION_TICKS = 3 * TICK_RATE;

async function reticleAt(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  await page.mouse.move(x, y);
  // The reticle is re-picked every frame: two frames on, it is under the pointer's new place.
  const frames = await page.evaluate(() => window.__edgehold!.frames());
  await page.waitForFunction((seen) => window.__edgehold!.frames() >= seen + 2, frames, { polling: "raf", timeout: 5000 });
  const reticle = (await debugState(page))!.combat.reticle;
  if (!reticle) throw new Error(`no reticle under the pointer at ${x},${y}`);
  return reticle;
}

/**
 * Moves the pointer until the ground reticle lies within 0.1 m of `target`. The test does not know the camera, so it
 * measures how the reticle moves per pixel (a 2×2 Jacobian) and steers with it (Newton steps: the ground mapping is
 * projective, so a few of them).
 */
async function aimAt(page: Page, target: { x: number; y: number }): Promise<void> {
  const box = (await page.getByTestId("scene").boundingBox())!;
  let px = box.x + box.width / 2;
  let py = box.y + box.height / 2;
  for (let attempt = 0; attempt < 8; attempt++) {
    const r0 = await reticleAt(page, px, py);
    const ex = target.x - r0.x;
    const ey = target.y - r0.y;
    if (Math.hypot(ex, ey) < 0.1) return;
    const probe = 40;
    const rx = await reticleAt(page, px + probe, py);
    const ry = await reticleAt(page, px, py + probe);
    const a = (rx.x - r0.x) / probe, b = (ry.x - r0.x) / probe;
    const c = (rx.y - r0.y) / probe, d = (ry.y - r0.y) / probe;
    const det = a * d - b * c;
    if (det === 0) throw new Error("the reticle does not move with the pointer");
    px += (d * ex - b * ey) / det;
    py += (-c * ex + a * ey) / det;
  }
  throw new Error(`could not aim at ${JSON.stringify(target)}`);
}

describe("combat in Chromium against wrangler dev", () => {
  const players = twoPlayersPerSuite();

  it(
    "A (at ?lag=150) shoots B: A's axe leaves the frame after the click, B's HP drops on both pages, B dies, sees the countdown and respawns; A's own movement needs 0 corrections",
    async () => {
      const { a, b } = players;
      const room = uniqueRoom("combat");
      await a.page.goto(`${baseUrl}/rooms/${room}?lag=150`);
      await b.page.goto(`${baseUrl}/rooms/${room}`);
      const [stateA, stateB] = await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]);
      const bId = stateB.entityId!;
      const aId = stateA.entityId!;
      const bAt = (await waitForRest(b.page)).self!;
      await walkWithinRange(a.page, bAt, NEAR, FAR);
      await waitForRest(a.page);
      // B is spawn-protected for its first 3 s in the room. When the two spawned within range of each other, A used
      // to throw within them and the axe passed through B: no hit, and "B's hp to drop" timed out (this test's old
      // retry). B's first snapshot came at or after B's spawn, so once B's page shows a tick 3 s past it, the room
      // has ended the protection.
      await waitUntil(() => debugState(b.page), (s) => s!.serverTick > stateB.serverTick + SPAWN_PROTECTION_TICKS, "B's spawn protection to end");

      // Aim at B where A's screen draws it (B stands still, so that is where the room has it too).
      const drawnB = (await debugState(a.page))!.avatars.find((avatar) => avatar.id === bId)!;
      await aimAt(a.page, drawnB);
      const before = (await debugState(a.page))!.combat;
      expect(before.ownPredictedTotal).toBe(0);
      // Nothing has been thrown yet: full stamina on A's HUD, no hit marker, no damage number.
      const staminaOfA = async () => Number(await a.page.getByTestId("hud-stamina").getAttribute("data-value"));
      expect(before.stamina).toBeGreaterThan(0);
      expect(await staminaOfA()).toBe(Math.round(before.stamina!));
      const marker = a.page.getByTestId("hit-marker");
      expect(await marker.isHidden()).toBe(true);
      expect(await a.page.locator(".damage-number").count()).toBe(0);

      // One click: the predicted axe is drawn within a frame or two (the next fixed step), not a round trip later.
      await a.page.mouse.down();
      await a.page.mouse.up();
      // The hit marker flashes for 180 ms and a number floats for 900 ms: watched for from the click on, in the page
      // (settled into values here, so a miss fails below with its reason rather than as an unhandled rejection).
      // Polled every frame in the page: a locator's waitFor re-checks only every 500 ms and misses most flashes.
      const markerShown = a.page
        .waitForFunction(
          () => {
            const element = document.querySelector<HTMLElement>('[data-testid="hit-marker"]');
            return element !== null && !element.hidden && element.getBoundingClientRect().width > 0;
          },
          undefined,
          { timeout: 10_000, polling: "raf" },
        )
        .then(() => "shown", (error: Error) => error.message);
      const ownNumberText = a.page
        .waitForFunction(() => document.querySelector(".damage-number.own")?.textContent || false, undefined, { timeout: 10_000, polling: "raf" })
        .then((handle) => handle.jsonValue(), (error: Error) => error.message);
      // The throw's stamina cost shows on the HUD at once (predicted), before it regenerates (~1.3 s for the axe).
      await expect.poll(staminaOfA, { timeout: 1000, interval: 20 }).toBeLessThan(before.stamina!);
      const shot = await waitUntil(async () => (await debugState(a.page))!.combat, (c) => c.lastShot !== undefined, "A's shot to be drawn");
      expect(shot.lastShot!.frames).toBeLessThanOrEqual(2);
      expect(shot.lastShot!.ms).toBeLessThan(150);
      // That first frame drew the one predicted axe.
      expect(shot.lastShot!.drawn).toBe(1);

      // The hit reaches both pages: B's hp below full on B's HUD and on A's view of B.
      const hurtOnB = await waitUntil(async () => (await debugState(b.page))!.combat, (c) => c.hp !== undefined && c.hp < c.maxHp!, "B's hp to drop on B's page");
      await waitUntil(async () => (await debugState(a.page))!.combat.entities.find((e) => e.id === bId), (e) => e !== undefined && e.hp < e.maxHp, "B's hp to drop on A's page");
      // The hit event drew a hit marker at the reticle and a floating damage number (A's own: `.own`) on A's page.
      expect(await markerShown).toBe("shown");
      // A damage number: the axe's damage (a crit's ends in "!").
      expect(await ownNumberText).toMatch(/^[1-9]\d*!?$/);
      expect((await debugState(a.page))!.combat.hitsDealt).toBeGreaterThanOrEqual(1);
      expect(Number(await b.page.getByTestId("hud-hp").getAttribute("data-value"))).toBeLessThan(hurtOnB.maxHp!);

      // Holding the button throws again whenever the axe's cooldown allows, until B is down.
      await aimAt(a.page, drawnB);
      await a.page.mouse.down();
      const dead = await waitUntil(async () => (await debugState(b.page))!.combat, (c) => c.alive === false, "B to die");
      await a.page.mouse.up();
      expect(dead.respawnAt).toBeGreaterThan(0);
      await expect.poll(() => b.page.getByTestId("respawn-countdown").textContent(), { timeout: 5000 }).toMatch(/respawning in \d+ s/);
      const feed = await waitUntil(async () => (await debugState(a.page))!.combat.killFeed, (list) => list.length > 0, "the kill feed on A's page");
      const names = new Map((await debugState(a.page))!.avatars.map((avatar) => [avatar.id, avatar.name]));
      expect(feed).toContainEqual({ killer: names.get(aId), target: names.get(bId) });
      // ...and the HUD's kill feed says so, by name.
      await expect.poll(() => a.page.getByTestId("kill-feed").textContent(), { timeout: 3000 }).toContain(`${names.get(aId)} killed ${names.get(bId)}`);
      // Every throw's room copy reached A's render time and was left out for its prediction: none was drawn twice.
      const drawnOnA = await waitUntil(async () => (await debugState(a.page))!.combat, (c) => c.ownRoomSkippedTotal > 0, "the room's copy of an axe at A's render time");
      expect(drawnOnA.ownRoomDrawnTotal).toBe(0);
      expect((await debugState(a.page))!.combat.kills).toBe(1);
      // With a kill in the feed, the feed keeps clear of the vitals and the rest of the HUD in every window size.
      await expectHudPanelsApart(a.page, [".kill-feed", ".combat-vitals", ".chat-panel", ".player-list", ".minimap"]);
      // B's body lies on its back while dead, on both pages.
      const pitchOfB = async (page: typeof a.page) => (await debugState(page))!.avatars.find((avatar) => avatar.id === bId)?.pitch;
      await expect.poll(() => pitchOfB(a.page), { timeout: 3000 }).toBeCloseTo(-Math.PI / 2, 2);
      await expect.poll(() => pitchOfB(b.page), { timeout: 3000 }).toBeCloseTo(-Math.PI / 2, 2);

      // ~5 s later B is back with full hp, on both pages.
      const back = await waitUntil(async () => (await debugState(b.page))!.combat, (c) => c.alive === true && c.hp === c.maxHp, "B to respawn", 15_000);
      expect(back.deaths).toBe(1);
      await expect.poll(() => b.page.getByTestId("death-overlay").count()).toBe(0);
      await waitUntil(async () => (await debugState(a.page))!.combat.entities.find((e) => e.id === bId), (e) => e?.alive === true && e.hp === e.maxHp, "B alive on A's page");
      await expect.poll(() => pitchOfB(a.page), { timeout: 3000 }).toBe(0);

      // A walked and fought at 150 ms RTT without a single correction of its own movement (the net-graph says so too).
      const finalA = await waitForRest(a.page);
      expect(finalA.corrections, JSON.stringify({ warnings: a.warnings.slice(0, 10) })).toBe(0);
      await a.page.keyboard.press("F3");
      await expect.poll(() => a.page.getByTestId("net-corrections").textContent()).toBe("0");
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
    },
  );

  it("A (at ?lag=150) walks, is killed by B and respawns: on A's page a snap, not a correction; on B's page a jump, not a slide", async () => {
    const { a, b } = players;
    const room = uniqueRoom("snap");
    await a.page.goto(`${baseUrl}/rooms/${room}?lag=150`);
    await b.page.goto(`${baseUrl}/rooms/${room}`);
    const aId = (await Promise.all([waitForRoom(a.page, 2), waitForRoom(b.page, 2)]))[0].entityId!;
    await holdKeyUntilMoved(a.page, "KeyD", 1.5);
    const fellAt = (await waitForRest(a.page)).self!;
    expect((await debugState(a.page))!.corrections).toBe(0);

    // B comes within axe range and throws until A is down; B's page records where it draws A, every frame.
    await walkWithinRange(b.page, fellAt, NEAR, FAR);
    await waitForRest(b.page);
    await b.page.evaluate((id) => {
      const track: { x: number; y: number }[] = [];
      const recorder = window as unknown as { __trackOfA?: typeof track };
      recorder.__trackOfA = track;
      const sample = () => {
        const avatar = window.__edgehold?.state().avatars.find((each) => each.id === id);
        if (avatar) track.push({ x: avatar.x, y: avatar.y });
        if (recorder.__trackOfA === track) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    }, aId);
    await aimAt(b.page, (await debugState(b.page))!.avatars.find((avatar) => avatar.id === aId)!);
    await b.page.mouse.down();
    await waitUntil(async () => (await debugState(a.page))!.combat, (c) => c.alive === false, "A to die");
    await b.page.mouse.up();

    // ~5 s later the room respawns A elsewhere: one snap on A's page, and still no correction.
    const back = await waitUntil(async () => (await debugState(a.page))!, (s) => s.combat.alive === true && s.snaps > 0, "A to respawn", 15_000);
    expect(back.corrections).toBe(0);
    const respawnedAt = (await waitForRest(a.page)).self!;
    // The respawn point is a point of the spawn ring picked from A's id and death count (respawn-point.ts), anywhere
    // on it, so it may fall close to where A died (0.3 m in one CI run): the two need only be told apart by more than
    // the 0.01 m the track below allows.
    const jump = Math.hypot(respawnedAt.x - fellAt.x, respawnedAt.y - fellAt.y);
    expect(jump).toBeGreaterThan(0.05);
    await waitUntil(
      async () => (await debugState(b.page))!.avatars.find((avatar) => avatar.id === aId),
      (avatar) => avatar !== undefined && avatar.x === respawnedAt.x && avatar.y === respawnedAt.y,
      "A at its respawn point on B's page",
    );
    const track = await b.page.evaluate(() => {
      const recorder = window as unknown as { __trackOfA?: { x: number; y: number }[] };
      const recorded = recorder.__trackOfA ?? [];
      recorder.__trackOfA = undefined;
      return recorded;
    });
    // B drew A where it fell, then where it respawned, and on no frame anywhere along the line between the two.
    const near = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y) < 0.01;
    expect(track.filter((p) => near(p, fellAt)).length).toBeGreaterThan(0);
    expect(track.filter((p) => near(p, respawnedAt)).length).toBeGreaterThan(0);
    expect(track.filter((p) => !near(p, fellAt) && !near(p, respawnedAt))).toEqual([]);

    // A walks on from the respawn point: still predicted exactly.
    await holdKeyUntilMoved(a.page, "KeyA", 1);
    const final = await waitForRest(a.page);
    expect(final.corrections, JSON.stringify({ warnings: a.warnings.slice(0, 10) })).toBe(0);
    expect(final.snaps).toBe(1);
    expect(final.lastSnapMetres).toBeCloseTo(jump, 2);
    // The net-graph says so too (F3 toggles it, and the tab remembers it: opened only if it is closed).
    const graphWasOpen = await a.page.getByTestId("net-graph").isVisible();
    if (!graphWasOpen) await a.page.keyboard.press("F3");
    await expect.poll(() => a.page.getByTestId("net-snaps").textContent()).toBe("1");
    await expect.poll(() => a.page.getByTestId("net-corrections").textContent()).toBe("0");
    if (!graphWasOpen) await a.page.keyboard.press("F3");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("creatures are drawn by species with their names, and are not players (the e2e rooms' deer)", async () => {
    const { a, b } = players;
    const room = uniqueRoom("wild");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await waitForRoom(a.page, 1);
    const creatures = await waitUntil(async () => (await debugState(a.page))!.wildlife.creatures, (list) => list.length > 0, "creatures");
    // The e2e rooms hold deer only (global-setup.ts), each with the room's name for it, not the page's fallback.
    for (const creature of creatures) {
      expect(creature.species).toBe("deer");
      expect(creature.name).not.toMatch(/^player /);
      expect(creature.name.length).toBeGreaterThan(0);
    }
    // Creatures are not players: the player list and the avatars hold only A.
    expect((await debugState(a.page))!.players).toBe(1);
    expect((await debugState(a.page))!.avatars).toHaveLength(1);
  });

  it("lays the HUD out without one panel covering another, in windows from 640 to 1280 px wide", async () => {
    const { a } = players;
    const room = uniqueRoom("hud");
    await a.page.goto(`${baseUrl}/rooms/${room}`);
    await waitForRoom(a.page, 1);
    // A chat line, so the chat panel has its lines as well as its input bar.
    await a.page.keyboard.press("Enter");
    await a.page.keyboard.type("a line long enough to fill the chat panel's width from one side to the other");
    await a.page.keyboard.press("Enter");
    await expect.poll(async () => (await debugState(a.page))!.chat.lines.length).toBeGreaterThan(0);
    await expectHudPanelsApart(a.page, [".chat-panel", ".combat-vitals", ".player-list", ".minimap", ".party-hud"]);
  });
});

/** The HUD's panels: none may cover another. */
const HUD_PANELS = [".chat-panel", ".combat-vitals", ".kill-feed", ".player-list", ".minimap", ".hud-top", ".hud-events", ".party-hud"];

/**
 * In windows 1280, 960 and 640 px wide, no two of the HUD's panels on `page` overlap, and every one of `required`
 * is shown (so a panel that is missing cannot pass for one that is clear). The window is 1280 × 720 again after.
 */
async function expectHudPanelsApart(page: Page, required: string[]): Promise<void> {
  try {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 960, height: 540 }, { width: 640, height: 480 }]) {
      await page.setViewportSize(viewport);
      const layout = await page.evaluate((selectors) => {
        const boxes = selectors.flatMap((selector) => {
          const box = document.querySelector(selector)?.getBoundingClientRect();
          return box && box.width > 0 && box.height > 0 ? [{ selector, box }] : [];
        });
        const overlapping: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [p, q] = [boxes[i]!.box, boxes[j]!.box];
            const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
            const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
            if (x > 1 && y > 1) overlapping.push(`${boxes[i]!.selector} × ${boxes[j]!.selector}`);
          }
        }
        return { overlapping, shown: boxes.map((b) => b.selector) };
      }, HUD_PANELS);
      const at = `${viewport.width}×${viewport.height}`;
      expect(layout.shown, at).toEqual(expect.arrayContaining(required));
      expect(layout.overlapping, at).toEqual([]);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 720 });
  }
}
