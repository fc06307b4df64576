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
import { ClockedRoom } from "./support/clocked-room.ts";
import { connect, freshRoom, type TestClient } from "./support/test-client.ts";
import { FLOW_TEST_CLOSE_MS } from "./support/test-worker.ts";

/** Pings every `everyMs` (carrying the client's ackTick, if it has one); returns the stop. */
function pingEvery(client: TestClient, everyMs: number): () => void {
  const timer = setInterval(() => client.closeEvent || client.ping(), everyMs);
  return () => clearInterval(timer);
}

/**
 * Makes `client` confirm each snapshot only `delayMs` after the room sent it, by the room's clock (`now`), as a
 * client `delayMs` further away would.
 */
function ackLate(client: TestClient, delayMs: number, now: () => number): void {
  client.ackTick = () => {
    let tick: number | undefined;
    for (const m of client.received) if (m.kind === Kind.snapshot && m.payload.serverTime <= now() - delayMs) tick = m.payload.tick;
    return tick;
  };
}

const snapshotsAfter = (client: TestClient, tick: number) =>
  client.received.filter((m): m is SnapshotMessage => m.kind === Kind.snapshot && m.payload.tick > tick);

/** Moves `room`'s time in steps of `everyMs` (each client heard first: a ping carrying its ackTick) until `done`. */
async function pingingUntil(room: ClockedRoom, clients: TestClient[], everyMs: number, done: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  for (let elapsed = 0; !(await done()); elapsed += everyMs) {
    if (elapsed > limitMs) throw new Error(`no ${what} within ${limitMs} ms of the room's time`);
    await room.advance(everyMs, { after: clients });
  }
}

describe("RTT measured by the room", () => {
  it("is the time from sending a snapshot to receiving its ackTick, per connection", async () => {
    const room = new ClockedRoom("rtt");
    const near = await room.connect({ playerId: "near" });
    const far = await room.connect({ playerId: "far" });
    let now = await room.now();
    ackLate(far.client, 200, () => now);
    await room.advance(200);
    await near.client.nextSnapshot();
    // Nothing confirmed yet: nothing measured.
    expect(await inConnection(room.code, "near", (c) => c?.rttMs)).toBeUndefined();
    // Two seconds of the room's time, both pinging every 50 ms. A sample is the round trip plus up to one ping
    // interval (the client acks the newest snapshot it has).
    for (let elapsed = 0; elapsed < 2000; elapsed += 50) {
      await room.advance(50, { after: [near.client, far.client] });
      now = await room.now();
    }
    const [nearRtt, farRtt] = [await inConnection(room.code, "near", (c) => c?.rttMs), await inConnection(room.code, "far", (c) => c?.rttMs)];
    console.log(`measured RTT: ${nearRtt?.toFixed(1)} ms acking at once, ${farRtt?.toFixed(1)} ms acking 200 ms late`);
    expect(nearRtt).toBeLessThan(100);
    expect(farRtt).toBeGreaterThanOrEqual(200);
    expect(farRtt).toBeLessThan(350);
    near.client.close();
    far.client.close();
  });
});

describe("flow control", () => {
  it("a client that stops confirming gets one full snapshot every 2 s instead of deltas, then is closed 4008", async () => {
    const room = new ClockedRoom("flow", "FLOW_TEST_ROOMS");
    const reader = await CombatPlayer.joinClocked(room, "reader");
    const { client } = reader;
    // Heard every 100 ms of the room's time all along (never idle); for now its pings confirm what it read.
    await pingingUntil(room, [client], 100, () => client.received.filter((m) => m.kind === Kind.snapshot && m.payload.mode === "delta").length >= 2, "two deltas");
    // It stops confirming (it may still be reading: the room cannot tell, and must not keep queueing for it).
    client.ackTick = () => undefined;
    const lastConfirmable = client.newestTick;
    await pingingUntil(room, [client], 100, () => client.closeEvent !== undefined, "close");
    expect(client.closeEvent).toEqual({ code: CloseCode.rateLimited, reason: NOT_READING_REASON });

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
  });

  it("a client that never confirms a snapshot is closed 4008 that long after its welcome; one that confirms stays", async () => {
    const room = new ClockedRoom("flow-never", "FLOW_TEST_ROOMS");
    const reading = await CombatPlayer.joinClocked(room, "reading");
    const joinedAt = await room.now();
    const silent = await CombatPlayer.joinClocked(room, "never-confirms");
    // An old client: pings (so never idle), but without ackTick.
    silent.client.ackTick = () => undefined;
    const clients = [silent.client, reading.client];
    // Still there just short of the limit (the room looks once a second)…
    await pingingUntil(room, clients, 200, async () => (await room.now()) >= joinedAt + FLOW_TEST_CLOSE_MS - 1000, "the limit");
    expect(await inConnection(room.code, "never-confirms", (c) => c !== undefined, "FLOW_TEST_ROOMS")).toBe(true);
    // …and closed once past it.
    await pingingUntil(room, clients, 200, () => silent.client.closeEvent !== undefined, "close", 2000);
    expect(silent.client.closeEvent).toEqual({ code: CloseCode.rateLimited, reason: NOT_READING_REASON });
    // The confirming client kept its deltas all along and is still here.
    const deltas = reading.client.received.filter((m) => m.kind === Kind.snapshot && m.payload.mode === "delta").length;
    expect(deltas).toBeGreaterThanOrEqual(((FLOW_TEST_CLOSE_MS / 1000) * 10) / 2);
    await room.advance(200, { after: [reading.client] });
    await reading.client.nextSnapshot((s) => s.payload.mode === "delta");
    expect(reading.client.closeEvent).toBeUndefined();
    reading.close();
  });
});

describe("session.resync", () => {
  it("at most once per 2 s: ten a second over JSON get one full snapshot and nine rate_limited", async () => {
    const room = new ClockedRoom("resync");
    const { client } = await room.connect({ playerId: "resyncer", codec: "json" });
    await room.advance(200);
    await client.nextSnapshot((s) => s.payload.mode === "full");
    const resync = () => {
      const seq = client.nextSeq();
      client.send({ v: 2, kind: "command", seq, feature: "session", action: "resync" });
      return seq;
    };
    const from = client.received.length;
    const firstAt = await room.now();
    const seqs: number[] = [];
    for (let i = 0; i < 10; i++) {
      seqs.push(resync());
      await room.advance(100, { after: [client] });
    }
    await room.advance(100, { after: [client] });
    const answers = client.received.slice(from);
    expect(answers.filter((m) => (m.kind === Kind.ack || m.kind === Kind.error) && seqs.includes(m.seq!))).toHaveLength(10);
    expect(answers.filter((m) => m.kind === Kind.ack).map((m) => m.seq)).toEqual([seqs[0]]);
    const refusals = answers.filter((m) => m.kind === Kind.error);
    expect(refusals).toHaveLength(9);
    for (const refusal of refusals) expect(refusal.payload).toMatchObject({ code: "rate_limited", action: "session.resync", secondsLeft: 2 });
    expect(answers.filter((m) => m.kind === Kind.snapshot && m.payload.mode === "full")).toHaveLength(1);

    // Two seconds of the room's time after the accepted one, a resync is accepted again.
    let accepted: number | undefined;
    while (accepted === undefined) {
      const seq = resync();
      const answer = await client.next((m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq);
      if (answer.kind === Kind.ack) accepted = await room.now();
      else await room.advance(200, { after: [client] });
    }
    expect(accepted - firstAt).toBeGreaterThanOrEqual(1900);
    expect(accepted - firstAt).toBeLessThan(3000);
    await room.advance(200, { after: [client] });
    await client.nextSnapshot((s) => s.payload.mode === "full");
    client.close();
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
