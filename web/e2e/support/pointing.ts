import type { Page } from "playwright-core";
import { debugState, waitUntil } from "./browser.ts";

/** Moves the pointer to (x, y) and returns build mode's hovered tile once the page has re-picked it. */
export async function hoverAt(page: Page, x: number, y: number): Promise<{ tx: number; ty: number } | undefined> {
  const framesDrawn = () => page.evaluate(() => window.__edgehold!.frames());
  const frame = await framesDrawn();
  await page.mouse.move(x, y);
  // The hover is re-picked each frame: wait for two frames after the move.
  await waitUntil(framesDrawn, (frames) => frames >= frame + 2, "two frames after the pointer moved", 5000);
  return (await debugState(page))!.build.hover;
}

/**
 * Moves the pointer over the canvas until build mode's hover is `target`. The test does not know the camera, so it
 * measures it: how the hovered tile moves per pixel right and per pixel down (a 2×2 Jacobian), then steers with it.
 */
export async function pointAt(page: Page, target: { tx: number; ty: number }): Promise<void> {
  const box = (await page.getByTestId("scene").boundingBox())!;
  let x = box.x + box.width / 2;
  let y = box.y + box.height / 2;
  const probe = 150;
  const h0 = (await hoverAt(page, x, y))!;
  const hx = (await hoverAt(page, x + probe, y))!;
  const hy = (await hoverAt(page, x, y + probe))!;
  // Tiles per pixel: column 1 for a move right, column 2 for a move down.
  const a = (hx.tx - h0.tx) / probe, b = (hy.tx - h0.tx) / probe;
  const c = (hx.ty - h0.ty) / probe, d = (hy.ty - h0.ty) / probe;
  const det = a * d - b * c;
  if (det === 0) throw new Error(`the camera's tile mapping could not be measured: ${JSON.stringify({ h0, hx, hy })}`);
  for (let attempt = 0; attempt < 40; attempt++) {
    const hover = await hoverAt(page, x, y);
    if (!hover) throw new Error(`the pointer left the ground at ${x},${y}`);
    if (hover.tx === target.tx && hover.ty === target.ty) return;
    // Aim at the tile's centre: +0.5 from the tile we are in towards the one we want, in pixels via the inverse.
    const ex = target.tx - hover.tx, ey = target.ty - hover.ty;
    x += ((d * ex - b * ey) / det) * 0.9;
    y += ((-c * ex + a * ey) / det) * 0.9;
  }
  throw new Error(`could not point at tile ${target.tx},${target.ty}`);
}
