import { InputBit, WasmSim, Weapon } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { readKinematics, type Kinematics } from "../src/net/kinematics.ts";
import { ClientFixture } from "./support/client-fixture.ts";
import { NetHarness } from "./support/net-harness.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();
const RIGHT = InputBit.right;

/** A client and room at 150 ms RTT (the page's `?lag=150`), connected, with the first snapshot in. */
async function laggedHarness(seed: number): Promise<NetHarness> {
  const harness = new NetHarness({
    clientSim: WasmSim.fromModule(simModule),
    serverSim: WasmSim.fromModule(simModule),
    oneWayMs: 75,
    seed,
    start: { x: 0.5, y: 0.5 },
  });
  await harness.connect();
  harness.run(400, () => 0);
  expect(harness.client.predictor.ready).toBe(true);
  return harness;
}

/** Runs 1 ms at a time, holding `bits`, until the client has snapped (or fails after `maxMs`). */
function runUntilSnap(harness: NetHarness, bits: number, maxMs = 2000): void {
  for (let t = 0; t < maxMs && harness.client.predictor.snaps === 0; t++) harness.run(1, () => bits);
  expect(harness.client.predictor.snaps, "a snap within the deadline").toBe(1);
}

/**
 * Where the own body must be right after a snap, computed apart from the client: a fresh body at the server's
 * state in the snapshot (alive, armed as the room arms it), stepped by every input the room had not applied yet.
 */
function serverPlacePlusPending(harness: NetHarness): Kinematics {
  const { client } = harness;
  const server = readKinematics(client.replica.get("movement")!.get(client.selfEntityId!))!;
  const sim = WasmSim.fromModule(simModule);
  sim.bodies.spawn(0, server.x, server.y, server.vx, server.vy);
  sim.combat.arm(0, Weapon.axe, 100);
  const pending = client.predictor.pendingAfter(client.ackInputSeq);
  // The inputs as sent: this test walks east only (`right`), and never fires.
  expect(pending.filter((input) => input.right).length, "movement inputs still in flight at the snap").toBeGreaterThan(0);
  for (const input of pending) {
    sim.bodies.setInput(0, input.right ? RIGHT : 0, 0, 0);
    sim.bodies.step(0);
  }
  return { x: sim.bodies.x(0), y: sim.bodies.y(0), vx: sim.bodies.vx(0), vy: sim.bodies.vy(0) };
}

function kinematicsOf(state: Kinematics): Kinematics {
  return { x: state.x, y: state.y, vx: state.vx, vy: state.vy };
}

describe("teleports are snaps, not corrections (the own body)", () => {
  it("a respawn while the player holds a key, inputs in flight at 150 ms RTT: 0 corrections, 1 snap, at the server's place plus the replayed inputs", async () => {
    const harness = await laggedHarness(11);
    const { client, room } = harness;
    harness.run(600, () => RIGHT);
    harness.run(600, () => 0);
    // Killed while standing: the room ignores the body's inputs from now on, and the page learns it a snapshot later.
    room.setAlive(false);
    harness.run(500, () => 0);
    // Dead, the player already holds a key; the room respawns the body far away with those inputs in flight.
    harness.run(200, () => RIGHT);
    room.teleport(-20.5, 15.25);
    room.setAlive(true);
    runUntilSnap(harness, RIGHT);

    // The snap: re-based on the server's state, the pending inputs replayed from it, drawn there at once.
    expect(client.predictor.corrections).toBe(0);
    expect(client.predictor.latest).toEqual(serverPlacePlusPending(harness));
    const drawn = { x: 0, y: 0 };
    client.selfPosition(0.5, drawn);
    expect(drawn).toEqual({ x: client.predictor.latest.x, y: client.predictor.latest.y });
    expect(client.predictor.lastSnapMetres).toBeGreaterThan(20);

    // Walking on from there predicts exactly again.
    harness.run(600, () => RIGHT);
    harness.drain();
    expect(client.predictor.corrections).toBe(0);
    expect(client.predictor.snaps).toBe(1);
    expect(client.predictor.latest).toEqual(kinematicsOf(room.state()));
    expect(room.rejected).toEqual([]);
  });

  it("any server-side move in the middle of a walk: snapped to, with no error left to blend", async () => {
    const harness = await laggedHarness(12);
    const { client, room } = harness;
    harness.run(500, () => RIGHT);
    room.teleport(room.state().x, room.state().y + 9);
    runUntilSnap(harness, RIGHT);
    expect(client.predictor.latest).toEqual(serverPlacePlusPending(harness));
    expect([client.blender.x, client.blender.y]).toEqual([0, 0]);
    harness.run(500, () => RIGHT);
    harness.drain();
    expect(client.predictor.corrections).toBe(0);
    expect(client.predictor.snaps).toBe(1);
    expect(client.predictor.latest).toEqual(kinematicsOf(room.state()));
  });

  it("an unannounced move is still a correction, blended (the counter did not change)", async () => {
    const harness = await laggedHarness(13);
    harness.run(500, () => RIGHT);
    harness.room.shove(harness.room.state().x, harness.room.state().y + 1);
    harness.run(500, () => RIGHT);
    expect(harness.client.predictor.corrections).toBeGreaterThanOrEqual(1);
    expect(harness.client.predictor.snaps).toBe(0);
  });
});

describe("the own body's teleport counter across sessions", () => {
  const at = (x: number, teleport?: number) => ({ movement: { set: { "1": { x, y: 0.5, vx: 0, vy: 0, ...(teleport !== undefined ? { teleport } : {}) } } } });

  it("counts from the first snapshot of a session; a resumed session keeps comparing, so a move while it was away is a snap", async () => {
    const f = new ClientFixture();
    await f.welcome();
    // Moved before this page came: where counting starts, not a snap.
    f.snapshot("full", 3, 0, at(0.5, 2));
    f.snapshot("delta", 6, 0, at(0.5, 2));
    expect([f.client.predictor.snaps, f.client.predictor.corrections]).toEqual([0, 0]);

    // Resumed: the room's body kept its counter (the body lives on); the same place is neither a snap nor a correction.
    await f.welcome({ resumed: true, resumeToken: "token-b" });
    f.snapshot("full", 9, 0, at(0.5, 2));
    expect([f.client.predictor.snaps, f.client.predictor.corrections]).toEqual([0, 0]);

    // Resumed again, and the room moved the body while the page was away (out of a wall, say): a snap.
    await f.welcome({ resumed: true, resumeToken: "token-c" });
    f.snapshot("full", 12, 0, at(3.5, 3));
    expect([f.client.predictor.snaps, f.client.predictor.corrections]).toEqual([1, 0]);
    expect(f.client.predictor.latest.x).toBe(3.5);

    // A new session (not resumed) starts counting afresh from whatever the body's counter is.
    await f.welcome();
    f.snapshot("full", 15, 0, at(3.5, 7));
    expect([f.client.predictor.snaps, f.client.predictor.corrections]).toEqual([1, 0]);
    f.client.dispose();
  });

  it("keeps each body's counter in the interpolation frames (so the others are not slid across a jump)", async () => {
    const f = new ClientFixture();
    await f.welcome();
    f.snapshot("full", 3, 0, { movement: { set: { "1": { x: 0, y: 0, vx: 0, vy: 0 }, "2": { x: 5, y: 5, vx: 0, vy: 0 } } } });
    f.snapshot("delta", 6, 0, { movement: { set: { "2": { x: -40, teleport: 1 } } } });
    expect(f.client.buffer.frames.map((frame) => frame.entities.get("2"))).toEqual([
      { x: 5, y: 5, vx: 0, vy: 0 },
      { x: -40, y: 5, vx: 0, vy: 0, teleport: 1 },
    ]);
    expect(f.client.predictor.snaps).toBe(0);
    f.client.dispose();
  });
});
