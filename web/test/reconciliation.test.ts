import { WasmSim } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { NetHarness } from "./support/net-harness.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();

/** Random key states, each held for 1–12 steps (a player taps and holds): 1,000 inputs in total. */
function randomKeys(harness: NetHarness): () => number {
  let held = 0;
  let left = 0;
  return () => {
    if (left-- <= 0) {
      held = Math.floor(harness.random() * 16);
      left = Math.floor(harness.random() * 12);
    }
    return held;
  };
}

/** A connected client and room for the contested cases (the room does something the client cannot predict). */
async function contestedHarness(oneWayMs: number, seed: number): Promise<NetHarness> {
  const harness = new NetHarness({ clientSim: WasmSim.fromModule(simModule), serverSim: WasmSim.fromModule(simModule), oneWayMs, seed });
  await harness.connect();
  return harness;
}

async function walk(options: { oneWayMs: number; jitterMs?: number; seed: number; inputs: number }) {
  const harness = new NetHarness({
    // The browser and the room each run their own instance of sim.wasm.
    clientSim: WasmSim.fromModule(simModule),
    serverSim: WasmSim.fromModule(simModule),
    oneWayMs: options.oneWayMs,
    jitterMs: options.jitterMs ?? 0,
    seed: options.seed,
    start: { x: 3.5, y: -2.25 },
  });
  await harness.connect();
  // Wait for the first snapshot, which makes prediction possible.
  harness.run(400, () => undefined);
  expect(harness.client.predictor.ready).toBe(true);
  const keys = randomKeys(harness);
  let sampled = 0;
  while (sampled < options.inputs) harness.run(1, () => (sampled++ < options.inputs ? keys() : undefined));
  harness.drain();
  return harness;
}

describe("prediction and reconciliation against an authoritative room", () => {
  it("1,000 random inputs at 200 ms RTT: zero corrections, and the prediction ends exactly on the server's state", async () => {
    const harness = await walk({ oneWayMs: 100, seed: 0x5eed, inputs: 1000 });
    const { client, room } = harness;
    expect(room.rejected).toEqual([]);
    // Every sampled input reached the server and was applied, one per tick.
    expect(room.lastAppliedSeq).toBe(1000);
    expect(client.ackInputSeq).toBe(room.lastAppliedSeq);
    expect(client.predictor.corrections).toBe(0);
    expect(client.predictor.latest).toEqual(room.state());
    // The walk really moved (not a trivially idle run).
    expect(Math.hypot(room.state().x - 3.5, room.state().y + 2.25)).toBeGreaterThan(5);
  });

  it("stays at zero corrections with jitter on top of the latency (ordered stream, bunched arrivals)", async () => {
    const harness = await walk({ oneWayMs: 75, jitterMs: 60, seed: 42, inputs: 600 });
    expect(harness.client.predictor.corrections).toBe(0);
    expect(harness.client.predictor.latest).toEqual(harness.room.state());
  });

  it("counts a correction when the server moves the player some other way, and blends the error instead of snapping", async () => {
    const harness = await contestedHarness(100, 7);
    harness.run(400, () => 0);
    harness.run(500, () => 8 /* right */);
    expect(harness.client.predictor.corrections).toBe(0);

    // Something the client cannot predict: the room shoves the player 1 m north.
    const before = harness.room.state();
    harness.room.shove(before.x, before.y + 1);
    harness.run(400, () => 8);
    expect(harness.client.predictor.corrections).toBeGreaterThanOrEqual(1);
    expect(harness.client.predictor.lastCorrectionMetres).toBeCloseTo(1, 1);
    harness.drain();
    expect(harness.client.predictor.latest).toEqual(harness.room.state());
  });

  it("counts corrections when the server drops inputs (its buffer overflowed)", async () => {
    const harness = await contestedHarness(30, 9);
    harness.run(300, () => 0);
    harness.run(300, () => 1 /* up */);
    // Contested: the room loses three queued inputs (as when its input buffer overflows).
    harness.room.queue.splice(0, 3);
    harness.run(300, () => 1);
    harness.drain();
    expect(harness.client.predictor.corrections).toBeGreaterThanOrEqual(1);
    expect(harness.client.predictor.latest).toEqual(harness.room.state());
  });
});
