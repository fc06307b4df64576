import { INPUT_QUEUE_TARGET } from "@edgehold/protocol";
import { WasmSim } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { NetHarness } from "./support/net-harness.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();

/** A client walking right through a 1 s upstream stall, then for `afterMs` more; the room's queue over time. */
async function stallThenWalk(paceForInputQueue: boolean, afterMs: number) {
  const harness = new NetHarness({ clientSim: WasmSim.fromModule(simModule), serverSim: WasmSim.fromModule(simModule), oneWayMs: 40, seed: 7, paceForInputQueue });
  await harness.connect();
  harness.run(400, () => undefined);
  let sampled = 0;
  const walkRight = () => (sampled++, 8);
  harness.run(1000, walkRight);
  // Everything the client sends for the next second arrives at once when it ends.
  harness.holdToServerUntil = harness.now + 1000;
  harness.run(1000, walkRight);
  const queue: number[] = [];
  for (let t = 0; t < afterMs; t += 100) {
    harness.run(100, walkRight);
    queue.push(harness.room.queue.length);
  }
  const before = sampled;
  harness.run(1000, walkRight);
  return { harness, queue, lastSecondSteps: sampled - before };
}

describe("input clock paced by the room's input queue", () => {
  it("reads inputQueue from snapshots, samples slower while it is long, and is back at 30 Hz once it drains", async () => {
    const { harness, queue, lastSecondSteps } = await stallThenWalk(true, 15_000);
    // Right after the stall the whole second of inputs waits in the room, and the client knows it.
    expect(Math.max(...queue.slice(0, 3))).toBeGreaterThan(20);
    // This fake room has no catch-up credit at all: only the slower clock drains it, within ~15 s here (a real room
    // first spends up to 15 banked steps on catch-up, leaving far less to drain).
    expect(Math.max(...queue.slice(-20))).toBeLessThanOrEqual(INPUT_QUEUE_TARGET);
    expect(harness.client.inputQueue).toBeLessThanOrEqual(INPUT_QUEUE_TARGET);
    expect(lastSecondSteps).toBe(30);
    expect(harness.room.rejected).toEqual([]);
    expect(harness.client.predictor.corrections).toBe(0);
  });

  it("without pacing, the backlog stands", async () => {
    const { queue } = await stallThenWalk(false, 5000);
    expect(Math.min(...queue.slice(-10))).toBeGreaterThan(20);
  });
});
