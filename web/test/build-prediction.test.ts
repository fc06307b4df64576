import type { BuildAction } from "@edgehold/protocol";
import { BODY_RADIUS, InputBit, TileKind, WasmSim } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { buildPrediction } from "../src/features/build/predicted-tiles.ts";
import { NetHarness } from "./support/net-harness.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();
const RIGHT = InputBit.right;
const LEFT = InputBit.left;

/**
 * Where the player stands: 20 m out along x, clear of the spawn ring's protected zone (no walls within 3 m of the
 * ring, which lies 4–8 m around the origin), so the placements below are the room's to accept.
 */
const START_X = 20;

/** A connected client and room (each its own instance of the same sim.wasm), with the first snapshot in. */
async function connected(oneWayMs: number, seed = 3, start = { x: START_X + 0.5, y: 0.5 }): Promise<NetHarness> {
  const harness = new NetHarness({
    clientSim: WasmSim.fromModule(simModule),
    serverSim: WasmSim.fromModule(simModule),
    oneWayMs,
    jitterMs: 20,
    seed,
    start,
  });
  await harness.connect();
  harness.run(500, () => 0);
  expect(harness.client.predictor.ready).toBe(true);
  return harness;
}

/** Holds `bits` for `ms`, the first input carrying `build`. */
function walk(harness: NetHarness, ms: number, bits: number, build?: BuildAction) {
  let first = build !== undefined;
  harness.run(ms, () => {
    if (!first) return bits;
    first = false;
    return { bits, build };
  });
}

describe("predicted building", () => {
  for (const oneWayMs of [75, 150]) {
    it(`a wall placed just ahead while running stops the predicted body exactly where the room's stops, 0 corrections (${oneWayMs} ms each way)`, async () => {
      const harness = await connected(oneWayMs);
      const { client, room } = harness;
      walk(harness, 1000, RIGHT);
      // The next tile ahead of the body's leading face: reached within a few steps, long before the room's echo of
      // the placement (a round trip and a snapshot interval) could tell the page about it.
      const tx = Math.floor(client.predictor.latest.x + BODY_RADIUS) + 1;
      walk(harness, 1500, RIGHT, { op: "place", tx, ty: 0, kind: "wall" });
      harness.drain();
      expect(room.rejected).toEqual([]);
      expect([...room.structures.values()]).toMatchObject([{ tx, ty: 0, kind: "wall" }]);
      // The room's body stopped at the wall's face; the prediction agrees bit for bit, and never had to correct.
      expect(room.state().x).toBe(tx - BODY_RADIUS);
      expect(client.predictor.latest).toEqual(room.state());
      expect(client.predictor.corrections).toBe(0);
      expect(clientSimOf(harness).tiles.hash()).toBe(room.sim.tiles.hash());
    });
  }

  it("removing its own wall lets the predicted body run on at once, still 0 corrections", async () => {
    const harness = await connected(150);
    walk(harness, 300, 0, { op: "place", tx: START_X + 5, ty: 0, kind: "wall" });
    walk(harness, 1500, RIGHT);
    expect(harness.room.state().x).toBe(START_X + 5 - BODY_RADIUS);
    // Pressed against the wall, remove it and keep running: the body moves on the very next step.
    walk(harness, 1500, RIGHT, { op: "remove", tx: START_X + 5, ty: 0 });
    harness.drain();
    expect(harness.room.structures.size).toBe(0);
    expect(harness.room.state().x).toBeGreaterThan(START_X + 6);
    expect(harness.client.predictor.latest).toEqual(harness.room.state());
    expect(harness.client.predictor.corrections).toBe(0);
  });

  it("does not predict a wall on its own tile or next to it (the room refuses it: occupied)", async () => {
    const harness = await connected(75);
    // Its own tile, and the next one east: 0.125 m from its box, inside the 0.25 m margin.
    walk(harness, 300, 0, { op: "place", tx: START_X, ty: 0, kind: "wall" });
    walk(harness, 300, 0, { op: "place", tx: START_X + 1, ty: 0, kind: "wall" });
    walk(harness, 1500, RIGHT);
    harness.drain();
    expect(harness.room.buildRefusals).toEqual(["occupied", "occupied"]);
    expect(harness.room.structures.size).toBe(0);
    expect(clientSimOf(harness).tiles.kind(START_X + 1, 0)).toBe(TileKind.empty);
    expect(harness.client.predictor.corrections).toBe(0);
  });

  for (const [why, start, tx] of [
    ["out_of_reach: 7 m ahead", { x: START_X + 0.5, y: 0.5 }, START_X + 7],
    ["protected: beside the spawn ring", { x: 6.5, y: 0.5 }, 8],
  ] as const) {
    it(`predicts the room's refusal of a wall (${why}): the ghost says so, nothing appears, the walk is never corrected`, async () => {
      const harness = await connected(150, 3, start);
      const action = { op: "place", tx, ty: 0, kind: "wall" } as const;
      expect(harness.client.prediction(buildPrediction).refusal(action)).toBe(why.split(":")[0]);
      walk(harness, 300, 0, action);
      walk(harness, 1500, RIGHT);
      harness.drain();
      expect(harness.room.buildRefusals).toEqual([why.split(":")[0]]);
      expect(harness.room.structures.size).toBe(0);
      expect(harness.client.predictor.latest).toEqual(harness.room.state());
      expect(harness.client.predictor.corrections).toBe(0);
    });
  }

  it("a wall someone else placed reaches the prediction with the next snapshot: the replay meets it (a correction), then agrees", async () => {
    const harness = await connected(75);
    walk(harness, 1000, LEFT);
    harness.room.placeStructure(START_X - 6, 0, "crate");
    walk(harness, 2000, LEFT);
    harness.drain();
    expect(harness.room.state().x).toBe(START_X - 5 + BODY_RADIUS);
    expect(harness.client.predictor.latest).toEqual(harness.room.state());
    expect(clientSimOf(harness).tiles.kind(START_X - 6, 0)).toBe(TileKind.crate);
  });
});

/** The client's predicting sim (RoomClient's `sim` option, as passed to NetHarness). */
function clientSimOf(harness: NetHarness): WasmSim {
  return (harness as unknown as { options: { clientSim: WasmSim } }).options.clientSim;
}
