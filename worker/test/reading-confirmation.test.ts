// The room knows its connections' latency and whether they read (ARCHITECTURE.md "Reading confirmation"): RTT
// measured from ackTick, flow control (fulls every 2 s, then 4008), and lag compensation bounded by that RTT.
import { describe, expect, it } from "vitest";
import { CloseCode, Kind, type SnapshotMessage } from "@edgehold/protocol";
import { MAX_REWIND_STEPS } from "@edgehold/sim-core";
import { rewindWindowMs } from "../src/features/combat/lag-compensation.ts";
import { STEP_MS } from "../src/room/room-config.ts";
import { DEFAULT_SNAPSHOT_FLOW, NOT_READING_REASON } from "../src/room/snapshot-flow.ts";
import { CombatPlayer } from "./support/combat-player.ts";
import { inConnection, inWorld } from "./support/room-internals.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";
import { FLOW_TEST_CLOSE_MS } from "./support/test-worker.ts";

/** Pings every `everyMs` (carrying the client's ackTick, if it has one); returns the stop. */
function pingEvery(client: TestClient, everyMs: number): () => void {
  const timer = setInterval(() => client.closeEvent || client.ping(), everyMs);
  return () => clearInterval(timer);
}

/** Makes `client` confirm each snapshot only `delayMs` after it arrived, as a client `delayMs` further away would. */
function ackLate(client: TestClient, delayMs: number): void {
  const arrivals: { tick: number; at: number }[] = [];
  client.socket.addEventListener("message", () => {
    if (arrivals.at(-1)?.tick !== client.newestTick) arrivals.push({ tick: client.newestTick, at: performance.now() });
  });
  client.ackTick = () => {
    const due = performance.now() - delayMs;
    let tick: number | undefined;
    for (const arrival of arrivals) if (arrival.at <= due) tick = arrival.tick;
    return tick;
  };
}

const snapshotsAfter = (client: TestClient, tick: number) =>
  client.received.filter((m): m is SnapshotMessage => m.kind === Kind.snapshot && m.payload.tick > tick);

describe("RTT measured by the room", () => {
  it("is the time from sending a snapshot to receiving its ackTick, per connection", async () => {
    const room = freshRoom("rtt");
    const near = await connect(room, { playerId: "near" });
    const far = await connect(room, { playerId: "far" });
    ackLate(far.client, 200);
    await near.client.nextSnapshot();
    // Nothing confirmed yet: nothing measured.
    expect(await inConnection(room, "near", (c) => c?.rttMs)).toBeUndefined();
    const stops = [pingEvery(near.client, 50), pingEvery(far.client, 50)];
    try {
      // A sample is the round trip plus up to one ping interval (the client acks the newest snapshot it has).
      await expect.poll(() => inConnection(room, "far", (c) => c?.rttMs), { timeout: 5000 }).toBeGreaterThanOrEqual(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [nearRtt, farRtt] = [await inConnection(room, "near", (c) => c?.rttMs), await inConnection(room, "far", (c) => c?.rttMs)];
      console.log(`measured RTT: ${nearRtt?.toFixed(1)} ms acking at once, ${farRtt?.toFixed(1)} ms acking 200 ms late`);
      expect(nearRtt).toBeLessThan(100);
      expect(farRtt).toBeGreaterThanOrEqual(200);
      expect(farRtt).toBeLessThan(350);
    } finally {
      stops.forEach((stop) => stop());
      near.client.close();
      far.client.close();
    }
  });
});

describe("flow control", () => {
  it("a client that stops confirming gets one full snapshot every 2 s instead of deltas, then is closed 4008", async () => {
    const room = freshRoom("flow");
    const reader = await CombatPlayer.join(room, "reader", "FLOW_TEST_ROOMS");
    const { client } = reader;
    // Pings keep the connection from the idle timeout all along; for now they confirm what it read.
    const stop = pingEvery(client, 100);
    try {
      await client.nextSnapshot((s) => s.payload.mode === "delta");
      await client.nextSnapshot((s) => s.payload.mode === "delta");
      // It stops confirming (it may still be reading: the room cannot tell, and must not keep queueing for it).
      client.ackTick = () => undefined;
      const lastConfirmable = client.newestTick;
      const closed = await client.closed(FLOW_TEST_CLOSE_MS + 5000);
      expect(closed).toEqual({ code: CloseCode.rateLimited, reason: NOT_READING_REASON });

      const after = snapshotsAfter(client, lastConfirmable);
      const firstFull = after.findIndex((s) => s.payload.mode === "full");
      expect(firstFull).toBeGreaterThan(0);
      const stoppedAt = after[0]!.payload.serverTime;
      // Deltas as usual while it lags less than 2 s; then fulls only, one per 2 s.
      expect(after[firstFull]!.payload.serverTime - stoppedAt).toBeGreaterThanOrEqual(DEFAULT_SNAPSHOT_FLOW.lagMs - 200);
      expect(after.slice(0, firstFull).every((s) => s.payload.mode === "delta")).toBe(true);
      const fulls = after.slice(firstFull);
      expect(fulls.every((s) => s.payload.mode === "full")).toBe(true);
      console.log(`after it stopped confirming: ${firstFull} deltas, then fulls ${fulls.map((s) => s.payload.serverTime - stoppedAt).join(", ")} ms later; closed`);
      expect(fulls.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < fulls.length; i++) {
        const gap = fulls[i]!.payload.serverTime - fulls[i - 1]!.payload.serverTime;
        expect(gap).toBeGreaterThanOrEqual(DEFAULT_SNAPSHOT_FLOW.lagMs);
        expect(gap).toBeLessThan(DEFAULT_SNAPSHOT_FLOW.lagMs + 400);
      }
      // Closed once it lagged past the limit, not before.
      const lastSnapshotAt = after.at(-1)!.payload.serverTime;
      expect(lastSnapshotAt - stoppedAt).toBeGreaterThanOrEqual(FLOW_TEST_CLOSE_MS - 1500);
    } finally {
      stop();
      reader.close();
    }
  }, 20_000);

  it("a client that never confirms a snapshot is closed 4008 that long after its welcome; one that confirms stays", async () => {
    const room = freshRoom("flow-never");
    const reading = await CombatPlayer.join(room, "reading", "FLOW_TEST_ROOMS");
    const joinedAt = Date.now();
    const silent = await CombatPlayer.join(room, "never-confirms", "FLOW_TEST_ROOMS");
    // An old client: pings (so never idle), but without ackTick.
    silent.client.ackTick = () => undefined;
    const stops = [pingEvery(silent.client, 200), pingEvery(reading.client, 200)];
    try {
      expect(await silent.client.closed(FLOW_TEST_CLOSE_MS + 4000)).toEqual({ code: CloseCode.rateLimited, reason: NOT_READING_REASON });
      expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(FLOW_TEST_CLOSE_MS);
      // The confirming client kept its deltas all along and is still here.
      const deltas = reading.client.received.filter((m) => m.kind === Kind.snapshot && m.payload.mode === "delta").length;
      expect(deltas).toBeGreaterThanOrEqual(((FLOW_TEST_CLOSE_MS / 1000) * 10) / 2);
      await reading.client.nextSnapshot((s) => s.payload.mode === "delta");
      expect(reading.client.closeEvent).toBeUndefined();
    } finally {
      stops.forEach((stop) => stop());
      reading.close();
      silent.close();
    }
  }, 20_000);
});

describe("session.resync", () => {
  it("at most once per 2 s: ten a second over JSON get one full snapshot and nine rate_limited", async () => {
    const room = freshRoom("resync");
    const { client } = await connect(room, { playerId: "resyncer", codec: "json" });
    await client.nextSnapshot((s) => s.payload.mode === "full");
    const stop = pingEvery(client, 200);
    const resync = () => {
      const seq = client.nextSeq();
      client.send({ v: 2, kind: "command", seq, feature: "session", action: "resync" });
      return seq;
    };
    try {
      const from = client.received.length;
      const firstAt = Date.now();
      const seqs: number[] = [];
      for (let i = 0; i < 10; i++) {
        seqs.push(resync());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await expect.poll(() => client.received.slice(from).filter((m) => (m.kind === Kind.ack || m.kind === Kind.error) && seqs.includes(m.seq!)).length).toBe(10);
      const answers = client.received.slice(from);
      expect(answers.filter((m) => m.kind === Kind.ack).map((m) => m.seq)).toEqual([seqs[0]]);
      const refusals = answers.filter((m) => m.kind === Kind.error);
      expect(refusals).toHaveLength(9);
      for (const refusal of refusals) expect(refusal.payload).toMatchObject({ code: "rate_limited", action: "session.resync", secondsLeft: 2 });
      expect(answers.filter((m) => m.kind === Kind.snapshot && m.payload.mode === "full")).toHaveLength(1);

      // Two seconds after the accepted one, a resync is accepted again.
      let accepted: number | undefined;
      while (accepted === undefined) {
        const seq = resync();
        const answer = await client.next((m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq);
        if (answer.kind === Kind.ack) accepted = Date.now();
        else await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(accepted - firstAt).toBeGreaterThanOrEqual(1900);
      expect(accepted - firstAt).toBeLessThan(3000);
      await client.nextSnapshot((s) => s.payload.mode === "full");
    } finally {
      stop();
      client.close();
    }
  });
});

describe("lag compensation bounded by the measured RTT", () => {
  it("a shooter with a short round trip claiming a 250 ms old view is judged at most RTT/2 + 150 ms back", async () => {
    const room = freshRoom("rewind");
    const { client, welcome } = await connect(room, { playerId: "sharpshooter" });
    const rewinds: number[] = [];
    await inWorld(room, (world) => {
      const sim = world.sim;
      const setRewind = sim.combat.setRewind.bind(sim);
      sim.combat.setRewind = (slot, steps) => {
        rewinds.push(steps);
        setRewind(slot, steps);
      };
    });
    const stop = pingEvery(client, 50);
    try {
      await expect.poll(() => inConnection(room, "sharpshooter", (c) => c?.rttMs), { timeout: 3000 }).toBeDefined();
      const rttMs = (await inConnection(room, "sharpshooter", (c) => c?.rttMs))!;
      // Long enough in the room that its first snapshot is no bound (lag compensation never reaches before it).
      const first = client.received.find((m): m is SnapshotMessage => m.kind === Kind.snapshot)!;
      const newest = await client.nextSnapshot((s) => s.payload.serverTime >= first.payload.serverTime + 600);
      let seq = welcome.payload.lastInputSeq;
      const fire = { up: false, down: false, left: false, right: false, fire: true, aimX: 1, aimY: 0, viewTime: newest.payload.serverTime - 250 };
      client.sendInputs([{ seq: ++seq, ...fire }]);
      await expect.poll(() => rewinds.length).toBeGreaterThan(0);
      // Steps count from the state the arrow first meets (one step ahead of the newest tick).
      const allowed = 1 + Math.ceil(rewindWindowMs(rttMs) / STEP_MS);
      console.log(`RTT ${rttMs.toFixed(1)} ms, viewTime 250 ms back: rewound ${rewinds[0]} steps (at most ${allowed})`);
      expect(rttMs).toBeLessThan(100);
      // One tick of slack: a wake that runs two steps stamps them with one clock reading.
      expect(rewinds[0]).toBeLessThanOrEqual(allowed + 1);
      // What the claimed 250 ms would have given (the sim's bound, 7 ticks back) is out of reach for this shooter.
      expect(rewinds[0]).toBeLessThan(MAX_REWIND_STEPS);
    } finally {
      stop();
      client.close();
    }
  });
});
