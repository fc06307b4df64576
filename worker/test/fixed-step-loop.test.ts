import { describe, expect, it } from "vitest";
import { FixedStepLoop } from "../src/room/fixed-step-loop.ts";

const STEP_MS = 1000 / 30;

/** Waits (real time, polling) until the loop's timer has fired and `done` holds; the loop reads the fake clock. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

describe("the room's fixed-step loop", () => {
  it("after a stall runs at most the catch-up cap and reports the rest as dropped steps, once", async () => {
    let clock = 0;
    let steps = 0;
    const dropped: number[] = [];
    const loop = new FixedStepLoop(STEP_MS, 5, () => steps++, (n) => dropped.push(n), () => clock);
    loop.start();
    // The isolate was paused for a little over a second: 30 whole steps are due at the next wake.
    clock += 1010;
    await until(() => steps > 0);
    expect(steps).toBe(5);
    expect(dropped).toEqual([25]);
    expect(loop.droppedSteps).toBe(25);
    // Back to normal: one step per step of time, nothing more dropped.
    clock += STEP_MS;
    await until(() => steps > 5);
    // A later wake with no time passed must not add anything.
    await new Promise((r) => setTimeout(r, 2 * STEP_MS));
    expect(steps).toBe(6);
    expect(dropped).toEqual([25]);
    loop.stop();
  });
});
