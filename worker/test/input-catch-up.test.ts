import { describe, expect, it } from "vitest";
import type { MovementInput } from "@edgehold/protocol";
import { WasmSim, inputBits } from "@edgehold/sim-core";
import simModule from "@edgehold/sim-core/sim.wasm";
import { INPUT_BACKLOG_TARGET, InputBuffer, MAX_SILENCE_CREDIT, STALL_CREDIT_TTL_STEPS } from "../src/features/movement/input-buffer.ts";
import { STEP_MS } from "../src/room/room-config.ts";
import { defaultCharacter } from "../src/room/room-character.ts";
import { RoomWorld } from "../src/room/room-world.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { held } from "./support/test-client.ts";

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
  const sim = WasmSim.fromModule(simModule);
  const { slot } = new RoomWorld(sim, 0).join("p", defaultCharacter("p", "P"), undefined, false);
  for (const input of sent) {
    sim.bodies.setInput(slot, inputBits(input));
    sim.step();
  }
  return { x: sim.bodies.x(slot), y: sim.bodies.y(slot) };
}

function roomWithOnePlayer() {
  const world = new RoomWorld(WasmSim.fromModule(simModule), 0);
  const player = world.join("p", defaultCharacter("p", "P"), undefined, false);
  return { world, player, position: () => ({ x: world.sim.bodies.x(player.slot), y: world.sim.bodies.y(player.slot) }) };
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
    // 100 steps of real time plus at most half a second (MAX_SILENCE_CREDIT steps) of banked credit.
    expect(applied).toBeGreaterThan(100);
    expect(applied).toBeLessThanOrEqual(100 + MAX_SILENCE_CREDIT);
  });

  it("a lag switch does not pay: 2 s of held-back inputs burst out gain at most half a second", () => {
    const { world, player } = roomWithOnePlayer();
    const sent = inputs(300);
    // The client samples an input every step but holds them all back for 2 s (60 steps)…
    for (let step = 0; step < 60; step++) world.step();
    // …then releases them at once and keeps sending one per step.
    player.inputs.push(sent.slice(0, 60));
    let next = 60;
    let steps = 0;
    let maxAhead = 0;
    const startSeq = player.inputs.lastAppliedSeq;
    for (; steps < 120; steps++) {
      player.inputs.push([sent[next++]!]);
      world.step();
      maxAhead = Math.max(maxAhead, player.inputs.lastAppliedSeq - startSeq - (steps + 1));
    }
    // Before the change, 2 s of silence banked 60 steps: the burst ran at double speed for 2 s (60 steps ahead).
    expect(maxAhead).toBeGreaterThan(0);
    // The bound is half a second of steps, whatever the constant says.
    expect(maxAhead).toBeLessThanOrEqual(15);
    expect(MAX_SILENCE_CREDIT).toBeLessThanOrEqual(15);
  });

  it("forgets stall credit the player did not need within a few seconds", () => {
    const buffer = new InputBuffer();
    buffer.earnDropped(50);
    for (let step = 0; step < STALL_CREDIT_TTL_STEPS; step++) buffer.earn(1);
    // Silence has banked its maximum; the stall credit has expired, so a burst now gains only the silence bound.
    buffer.push(inputs(64));
    let applied = 0;
    while (buffer.take()) applied++;
    expect(applied).toBe(MAX_SILENCE_CREDIT);
  });

  it("a client behind a 1 s network stall drains its queue by slowing its input clock, never outrunning real time", () => {
    for (const slowsDown of [true, false]) {
      const { world, player } = roomWithOnePlayer();
      const oneWayMs = 40;
      // Client → room: each input arrives oneWayMs after it was sampled, except that everything sent during the
      // stall (1.0–2.0 s) arrives together when it ends. Room → client: snapshots report inputQueue every 3 steps.
      const inFlight: { arrivesAt: number; input: MovementInput }[] = [];
      let reportedQueue = 0;
      const reports: { at: number; queue: number }[] = [];
      let clientClock = 0;
      let seq = 0;
      const queueAt: number[] = [];
      let aheadOfRealTime = -Infinity;
      for (let step = 1; step <= 30 * 12; step++) {
        const now = step * STEP_MS;
        // The client samples inputs on its own clock: 30 Hz, or 8% slower while the room reports a long queue.
        const clientStepMs = slowsDown && reportedQueue > INPUT_BACKLOG_TARGET ? STEP_MS * 1.08 : STEP_MS;
        while (clientClock + clientStepMs <= now) {
          clientClock += clientStepMs;
          const sentAt = clientClock;
          const stalled = sentAt >= 1000 && sentAt < 2000;
          inFlight.push({ arrivesAt: stalled ? 2000 : sentAt + oneWayMs, input: { seq: ++seq, up: false, down: false, left: false, right: seq % 2 === 0 } });
        }
        while (inFlight.length > 0 && inFlight[0]!.arrivesAt <= now) player.inputs.push([inFlight.shift()!.input]);
        world.step();
        // Never more inputs applied than room steps have passed (one input is one step of real time).
        aheadOfRealTime = Math.max(aheadOfRealTime, player.inputs.lastAppliedSeq - step);
        if (step % 3 === 0) reports.push({ at: now + oneWayMs, queue: player.inputs.size });
        while (reports.length > 0 && reports[0]!.at <= now) reportedQueue = reports.shift()!.queue;
        queueAt[step] = player.inputs.size;
      }
      const after = (seconds: number) => queueAt.slice(Math.round(seconds * 30));
      expect(aheadOfRealTime).toBeLessThanOrEqual(0);
      if (slowsDown) {
        // The stall ends at 2 s; within ~5 s more the queue is back to the jitter allowance and stays there.
        expect(Math.max(...after(7))).toBeLessThanOrEqual(INPUT_BACKLOG_TARGET);
      } else {
        // Without the slower clock the backlog (1 s minus the half second silence may bank) would stand forever.
        expect(Math.min(...after(7))).toBeGreaterThan(INPUT_BACKLOG_TARGET);
      }
    }
  });
});

describe("input backlog catch-up in a live room", () => {
  it("applies a burst of queued inputs in fewer ticks than inputs, and acks every one", async () => {
    const room = new ClockedRoom("catchup");
    const { client } = await room.connect({ playerId: "bursty" });
    // Idle for half a second of the room's time (the player was starved: time passed without inputs), then 32
    // inputs land at once.
    await room.advance(500);
    await client.nextSnapshot();
    const burst = held({ right: true }, 1, 32);
    client.sendInputs(burst.slice(0, 16));
    client.sendInputs(burst.slice(16));
    await room.advance(1500, { after: [client] });
    const started = await client.nextSnapshot((s) => s.payload.ackInputSeq > 0);
    const done = await client.nextSnapshot((s) => s.payload.ackInputSeq === 32);
    // One input per tick would need a tick per remaining input (snapshots are 3 ticks apart, so up to 2 more).
    const remaining = 32 - started.payload.ackInputSeq;
    expect(remaining).toBeGreaterThan(16);
    expect(done.payload.tick - started.payload.tick).toBeLessThan(remaining);
    // Each snapshot tells the client how many of its inputs wait in the room (it slows its input clock above 4).
    expect(started.payload.inputQueue).toBe(32 - started.payload.ackInputSeq);
    expect(done.payload.inputQueue).toBe(0);
    client.close();
  });
});
