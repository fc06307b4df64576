import { InputBit, WasmSim, WEAPONS, Weapon } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { RoomProjectiles, type RoomProjectileView } from "../src/features/combat/room-projectiles.ts";
import { readProjectile } from "../src/features/combat/combat-fields.ts";
import { combatPrediction, fireInput } from "../src/features/combat/combat-prediction.ts";
import type { RoomClient } from "../src/net/room-client.ts";
import { NetHarness } from "./support/net-harness.ts";
import { loadSimModule } from "./support/sim-module.ts";

const simModule = loadSimModule();
const FIRE = InputBit.fire;
const EAST = { x: 1, y: 0 };

/** A connected client and room (each its own instance of the same sim.wasm), with the first snapshot in. */
async function connected(
  oneWayMs: number,
  options: { jitterMs?: number; seed?: number; target?: { x: number; y: number }; weapon?: Weapon } = {},
): Promise<NetHarness> {
  const harness = new NetHarness({
    clientSim: WasmSim.fromModule(simModule),
    serverSim: WasmSim.fromModule(simModule),
    oneWayMs,
    jitterMs: options.jitterMs ?? 0,
    seed: options.seed ?? 7,
    start: { x: 0.5, y: 0.5 },
    ...(options.weapon !== undefined ? { weapon: options.weapon } : {}),
  });
  if (options.target) harness.room.addTarget(options.target.x, options.target.y);
  await harness.connect();
  harness.run(500, () => 0);
  expect(harness.client.predictor.ready).toBe(true);
  return harness;
}

/** The own projectiles the page predicted (combat's prediction part). */
function shotsOf(client: RoomClient) {
  return client.prediction(combatPrediction).shots;
}

/** The client's predicting sim (RoomClient's `sim` option, as passed to NetHarness). */
function clientSimOf(harness: NetHarness): WasmSim {
  return (harness as unknown as { options: { clientSim: WasmSim } }).options.clientSim;
}

function activeProjectiles(sim: WasmSim): number {
  let n = 0;
  for (let p = 0; p < sim.projectiles.end; p++) if (sim.projectiles.isActive(p)) n++;
  return n;
}

/** The own shots the room lists in its projectile channel, as the page's replica holds them. */
function roomShots(harness: NetHarness) {
  return [...(harness.client.replica.get("projectile")?.values() ?? [])].map((f) => readProjectile(f)!).filter((p) => p.owner === "1");
}

describe("predicted projectiles", () => {
  it("a fire input's projectile flies in the page's sim the step it is pressed, long before the room hears of it (150 ms each way)", async () => {
    const harness = await connected(150);
    const { client } = harness;
    const seq = client.step(0, [fireInput(EAST, client.viewTime)])!;
    // Nothing has left the page yet: the only projectile is the predicted one, fired by that input.
    expect(harness.room.firedSeqs).toEqual([]);
    const shots = [...shotsOf(client).shots()];
    expect(shots).toHaveLength(1);
    expect(shots[0]).toMatchObject({ seq, weapon: Weapon.axe });
    expect(shotsOf(client).flyingCount).toBe(1);
    expect(shots[0]!.vx).toBeGreaterThan(0);
    expect(shots[0]!.vy).toBe(0);
  });

  it("replays of a pending fire input spend its cooldown again but spawn no second projectile", async () => {
    const harness = await connected(150);
    const { client } = harness;
    let fired = false;
    // One shot, then standing still while ~10 snapshots each replay the pending inputs.
    harness.run(1000, () => (fired ? 0 : ((fired = true), { bits: FIRE, aim: EAST })));
    harness.drain();
    expect(harness.room.firedSeqs).toHaveLength(1);
    expect(shotsOf(client).predictedTotal).toBe(1);
    // The page's sim never held more than the one (it has expired by now: 7 m at 15 m/s).
    expect(activeProjectiles(clientSimOf(harness))).toBe(0);
    expect(client.predictor.corrections).toBe(0);
  });

  it("the room's copy carries the firing input's seq: matched to the predicted shot, it is not drawn a second time", async () => {
    // Arrows: 30 m of range (0.83 s), so the room's copy is listed in a few snapshots while both fly.
    const harness = await connected(100, { weapon: Weapon.arrow });
    const { client } = harness;
    let fired = false;
    harness.run(500, () => (fired ? 0 : ((fired = true), { bits: FIRE, aim: EAST })));
    const listed = roomShots(harness);
    expect(listed).toHaveLength(1);
    const predicted = [...shotsOf(client).shots()];
    expect(predicted).toHaveLength(1);
    expect(listed[0]!.seq).toBe(predicted[0]!.seq);
    // Same sim, same inputs: the same flight, on the same line.
    expect([listed[0]!.vx, listed[0]!.vy]).toEqual([predicted[0]!.vx, predicted[0]!.vy]);
    expect(listed[0]!.y).toBe(predicted[0]!.y);
    expect(predicted[0]!.x).toBeGreaterThan(listed[0]!.x);
    expect(shotsOf(client).isOwnPredicted(listed[0]!)).toBe(true);

    // What the page draws of the room's projectiles: the own predicted one is skipped, so there is no duplicate.
    const room = new RoomProjectiles();
    room.observe(
      [...(client.replica.get("projectile") ?? [])].map(([id, f]) => [id, readProjectile(f)!] as const),
      client.buffer.frames[client.buffer.frames.length - 1]!.serverTime,
    );
    // The controller's own skip rule (combat-controller.ts drawProjectiles), not a copy of it.
    const drawn: RoomProjectileView[] = [];
    room.sample(client.viewTime! + 100, (p) => shotsOf(client).isOwnPredicted(p), drawn);
    expect(drawn).toEqual([]);
    // Control: without the skip the same sample draws the room's copy, so the empty draw above is the skip's doing.
    room.sample(client.viewTime! + 100, () => false, drawn);
    expect(drawn.map((p) => p.seq)).toEqual([listed[0]!.seq]);
    // Another owner's projectile with the same seq is not the own predicted one.
    expect(shotsOf(client).isOwnPredicted({ ...listed[0]!, owner: "2" })).toBe(false);
  });

  it("holding fire for 4 s while walking at 150 ms RTT: the page fires at exactly the room's seqs (cooldown and stamina predicted), 0 corrections", async () => {
    const harness = await connected(75, { jitterMs: 20, seed: 11 });
    const { client, room } = harness;
    const fired: number[] = [];
    let steps = 0;
    const before = shotsOf(client).predictedTotal;
    harness.run(4000, () => {
      steps++;
      // Walking a square while firing every step the cooldown allows; the aim turns with the walk.
      const phase = Math.floor(steps / 20) % 4;
      const bits = [InputBit.right, InputBit.up, InputBit.left, InputBit.down][phase]!;
      return { bits: bits | FIRE, aim: { x: Math.cos(steps / 10), y: Math.sin(steps / 10) } };
    });
    harness.drain();
    for (const [seq] of (shotsOf(client) as unknown as { bySeq: Map<number, unknown> }).bySeq) fired.push(seq);
    expect(room.rejected).toEqual([]);
    expect(shotsOf(client).predictedTotal - before).toBe(room.firedSeqs.length);
    expect(fired).toEqual(room.firedSeqs);
    // The axe's cooldown: one throw every cooldownSteps steps (and stamina to spare over 4 s).
    expect(room.firedSeqs.length).toBe(Math.ceil(steps / WEAPONS[Weapon.axe]!.cooldownSteps));
    const sim = clientSimOf(harness);
    expect(sim.combat.stamina(0)).toBe(room.sim.combat.stamina(0));
    expect(sim.combat.cooldown(0)).toBe(room.sim.combat.cooldown(0));
    expect(client.predictor.latest).toEqual(room.state());
    expect(client.predictor.corrections).toBe(0);
  });

  it("a predicted shot stops at the drawn body the room's stops at, the same number of steps after it left", async () => {
    // A motionless target 4 m east: drawn exactly where the room has it.
    const harness = await connected(100, { target: { x: 4.5, y: 0.5 } });
    const { client, room } = harness;
    let fired = false;
    let stepsAfter = 0;
    let stoppedAfter: number | undefined;
    harness.run(1500, () => {
      if (!fired) {
        fired = true;
        return { bits: FIRE, aim: EAST };
      }
      stepsAfter++;
      if (stoppedAfter === undefined && shotsOf(client).flyingCount === 0) stoppedAfter = stepsAfter;
      return 0;
    });
    harness.drain();
    expect(room.firedSeqs).toHaveLength(1);
    const roomStop = room.stoppedAt.get(room.firedSeqs[0]!)!;
    expect(roomStop.how).toBe("hit");
    expect(room.sim.combat.hp(1)).toBe(100 - WEAPONS[Weapon.axe]!.damage);
    // The page's shot ended the same number of steps after the step that fired it (the callback runs before each
    // step, so when it first sees no shot, stoppedAfter - 1 steps have run since the firing one).
    const roomSteps = roomStop.tick - room.firedAt.get(room.firedSeqs[0]!)!;
    expect(roomSteps).toBeGreaterThan(2);
    expect(stoppedAfter! - 1).toBe(roomSteps);
  });

  it("a dead own body is not predicted moving (and fires nothing) until the room revives it", async () => {
    const harness = await connected(75);
    const { client, room } = harness;
    room.setAlive(false);
    harness.run(400, () => InputBit.right);
    const x = client.predictor.latest.x;
    harness.run(1000, () => ({ bits: InputBit.right | FIRE, aim: EAST }));
    harness.drain();
    expect(client.predictor.latest.x).toBe(x);
    expect(client.predictor.latest).toEqual(room.state());
    expect(room.firedSeqs).toEqual([]);
    expect(shotsOf(client).predictedTotal).toBe(0);
  });
});
