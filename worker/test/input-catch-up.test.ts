import { describe, expect, it } from "vitest";
import type { MovementInput } from "@edgehold/protocol";
import { WasmMovementSim } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { INPUT_BACKLOG_TARGET, InputBuffer, MAX_INPUT_CREDIT } from "../src/features/movement/input-buffer.ts";
import { inputBits } from "../src/features/movement/input-bits.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { connect, freshRoom, held } from "./support/test-client.ts";

/** A client's input stream: seqs from 1, a direction that changes every few steps. */
function inputs(count: number, fromSeq = 1): MovementInput[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = fromSeq + i;
    return { seq, up: seq % 7 < 3, down: false, left: seq % 11 < 4, right: seq % 11 > 8 };
  });
}

/** Where the client's own prediction puts the player: the same sim, exactly one step per input. */
function predicted(sent: readonly MovementInput[]): { x: number; y: number } {
  // A world only to spawn the player where the room does; from there the sim is stepped directly.
  const sim = WasmMovementSim.fromModule(simModule);
  const { slot } = new RoomWorld(sim, 0).join("p", defaultCharacter("p", "P"), undefined, false);
  for (const input of sent) {
    sim.setInput(slot, inputBits(input));
    sim.step();
  }
  return { x: sim.x(slot), y: sim.y(slot) };
}

function roomWithOnePlayer() {
  const world = new RoomWorld(WasmMovementSim.fromModule(simModule), 0);
  const player = world.join("p", defaultCharacter("p", "P"), undefined, false);
  return { world, player, position: () => ({ x: world.sim.x(player.slot), y: world.sim.y(player.slot) }) };
}

describe("input backlog catch-up", () => {
  it("drains a burst that arrives after a network stall, applying every input in order", () => {
    const { world, player, position } = roomWithOnePlayer();
    const sent = inputs(60);
    // 10 steps where the network held the player's inputs back…
    for (let i = 0; i < 10; i++) world.step();
    expect(player.inputs.lastAppliedSeq).toBe(0);
    // …then they all arrive at once, and the client keeps sending one per step.
    player.inputs.push(sent.slice(0, 12));
    let next = 12;
    const queueLengths: number[] = [];
    while (next < sent.length) {
      player.inputs.push([sent[next++]!]);
      world.step();
      queueLengths.push(player.inputs.size);
    }
    // The backlog is gone within a handful of steps instead of adding ~400 ms to every ack for the rest of the game.
    expect(queueLengths.slice(10).every((n) => n <= INPUT_BACKLOG_TARGET)).toBe(true);
    for (let i = 0; i < 20; i++) world.step();
    expect(player.inputs.lastAppliedSeq).toBe(60);
    expect(position()).toEqual(predicted(sent));
  });

  it("catches up on steps the room's loop dropped, and the result is exactly what the client predicted", () => {
    const { world, player, position } = roomWithOnePlayer();
    const sent = inputs(150);
    let next = 0;
    for (let i = 0; i < 20; i++) {
      player.inputs.push([sent[next++]!]);
      world.step();
    }
    // The isolate stalls for 55 steps (~1.8 s): the client kept sending, the room ran none of them.
    expect(player.inputs.push(sent.slice(next, next + 55)).dropped).toBe(0);
    next += 55;
    world.creditDroppedSteps(55);
    while (next < sent.length) {
      player.inputs.push([sent[next++]!]);
      world.step();
    }
    expect(player.inputs.size).toBeLessThanOrEqual(INPUT_BACKLOG_TARGET);
    for (let i = 0; i < 10; i++) world.step();
    expect(player.inputs.lastAppliedSeq).toBe(150);
    expect(position()).toEqual(predicted(sent));
  });

  it("gives a client that sends faster than real time nothing: one input per step, the surplus overflows", () => {
    const { world, player } = roomWithOnePlayer();
    const sent = inputs(200);
    let overflowed = 0;
    for (let step = 0; step < 100; step++) {
      overflowed += player.inputs.push(sent.slice(step * 2, step * 2 + 2)).dropped;
      world.step();
    }
    // 100 steps of real time, 100 inputs applied, whatever the client claims.
    expect(player.inputs.lastAppliedSeq - overflowed).toBeLessThanOrEqual(100);
    expect(world.tick).toBe(100);
    expect(overflowed).toBeGreaterThan(0);
  });

  it("leaves a jittery but real-time client alone: no step ever takes two of its inputs", () => {
    const buffer = new InputBuffer();
    const sent = inputs(300);
    let next = 0;
    let maxPerStep = 0;
    for (let step = 0; step < 300; step++) {
      // Batches of 0–3 inputs arriving every step or two, never more than the jitter allowance ahead.
      if (step % 3 !== 1) {
        const batch = Math.min(sent.length - next, step % 3 === 0 ? 2 : 1);
        buffer.push(sent.slice(next, next + batch));
        next += batch;
      }
      buffer.earn(1);
      let applied = buffer.take() ? 1 : 0;
      if (buffer.takeCatchUp()) applied++;
      maxPerStep = Math.max(maxPerStep, applied);
    }
    expect(maxPerStep).toBe(1);
    expect(buffer.lastAppliedSeq).toBeGreaterThan(290);
  });

  it("caps banked credit: idling first does not buy a long run of double-speed steps", () => {
    const buffer = new InputBuffer();
    buffer.earn(10_000);
    const sent = inputs(200);
    let applied = 0;
    for (let step = 0; step < 100; step++) {
      buffer.push(sent.slice(step * 2, step * 2 + 2));
      buffer.earn(1);
      if (buffer.take()) applied++;
      if (buffer.takeCatchUp()) applied++;
    }
    // 100 steps of real time plus at most two seconds (MAX_INPUT_CREDIT steps) of banked credit.
    expect(applied).toBeGreaterThan(100);
    expect(applied).toBeLessThanOrEqual(100 + MAX_INPUT_CREDIT);
  });
});

describe("input backlog catch-up in a live room", () => {
  it("applies a burst of queued inputs in fewer ticks than inputs, and acks every one", async () => {
    const { client } = await connect(freshRoom("catchup"), { playerId: "bursty" });
    await client.nextSnapshot();
    // Idle for a while (the player was starved: real time passed without inputs), then 32 inputs land at once.
    await new Promise((r) => setTimeout(r, 500));
    const burst = held({ right: true }, 1, 32);
    client.sendInputs(burst.slice(0, 16));
    client.sendInputs(burst.slice(16));
    const started = await client.nextSnapshot((s) => s.payload.ackInputSeq > 0);
    const done = await client.nextSnapshot((s) => s.payload.ackInputSeq === 32, 5000);
    // One input per tick would need a tick per remaining input (snapshots are 3 ticks apart, so up to 2 more).
    const remaining = 32 - started.payload.ackInputSeq;
    expect(remaining).toBeGreaterThan(16);
    expect(done.payload.tick - started.payload.tick).toBeLessThan(remaining);
    client.close();
  });
});
