import { describe, expect, it } from "vitest";
import { spawnPoint } from "../src/features/movement/spawn-point.ts";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { STEP_MS } from "../src/room/room-config.ts";
import { ClockedRoom } from "./support/clocked-room.ts";
import { CombatPlayer, createCharacter } from "./support/combat-player.ts";
import { inConnection } from "./support/room-internals.ts";
import { LaggedShooter } from "./support/lagged-shooter.ts";
import type { TestClient } from "./support/test-client.ts";

/** The shooter's link: 150 ms round trip, 75 ms each way. */
const RTT_MS = 150;
/** Shots per run: 40 keeps the binomial noise of a ~90 % rate to about ±5 %. */
const SHOTS = 40;
/** A shot every 16 steps (0.53 s): past the arrow's 15-step cooldown, so every fire input fires. */
const FIRE_EVERY = 16;
/**
 * The target runs 120 steps (4 s, 24 m at full speed) one way, then back, centred on where it started (the first
 * leg is half as long): it crosses the shooter's line of sight every 4 s, within ±12 m of it.
 */
const LEG_STEPS = 120;

/**
 * Two player ids whose spawn points (a hash of the id) put the target 7–10 m from the shooter along x and within
 * 1.5 m of it along y: running along y, the target crosses the shooter's view (the shooter sees it move sideways).
 */
function positionedPair(room: string): { shooterId: string; targetId: string } {
  for (let i = 0; i < 200; i++) {
    const shooterId = `${room}-s${i}`;
    const s = spawnPoint(shooterId, DEFAULT_ROOM_KIND.world.spawnRing!);
    for (let j = 0; j < 200; j++) {
      const targetId = `${room}-t${j}`;
      const t = spawnPoint(targetId, DEFAULT_ROOM_KIND.world.spawnRing!);
      if (Math.abs(t.x - s.x) >= 7 && Math.abs(t.x - s.x) <= 10 && Math.abs(t.y - s.y) <= 1.5) return { shooterId, targetId };
    }
  }
  throw new Error("no pair of spawn points fits");
}

/** One run in a fresh clocked room of `kind`: the lagged ranger's hits / shots at the running target. */
async function hitRate(kind: "LAG_TEST_ROOMS" | "UNCOMPENSATED_LAG_TEST_ROOMS"): Promise<{ hits: number; shots: number; rate: number; rttMs: number | undefined }> {
  const room = new ClockedRoom("lag", kind);
  const { shooterId, targetId } = positionedPair(room.code);
  await createCharacter(shooterId, "ranger");
  const target = await CombatPlayer.joinClocked(room, targetId);
  await target.dropSpawnProtection();
  // The target runs along y at full speed, turning every LEG_STEPS steps.
  const upward = (seq: number) => Math.floor((seq + LEG_STEPS / 2) / LEG_STEPS) % 2 === 0;
  const run = (seq: number) => ({ up: upward(seq), down: !upward(seq), left: false, right: false });

  const { client, welcome } = await room.connect({ playerId: shooterId });
  const shooter = new LaggedShooter(client, welcome.payload.entityId, welcome.payload.lastInputSeq, target.entityId, RTT_MS, FIRE_EVERY);
  // On the room's clock: both players make an input each step of their own 30 Hz clock and send them two at a time,
  // as the page does (a batch ~every 50 ms): the target's at once, the shooter's through its 75 ms delay line. The
  // room's time moves from one of these moments to the next, so each frame waits exactly as long as the link says.
  // Before time moves, the room has heard what a player sent (a round trip), and the shooter has seen what the room
  // sent at least every other step (a snapshot reaches its delay line well inside the 75 ms it waits there). After
  // the last shot, 1.5 s more: the last arrow lands (or flies its 30 m) within a second, and its hit event needs
  // another 75 ms to reach the shooter.
  let now = await room.now();
  let nextStepAt = now + STEP_MS;
  let end = Infinity;
  const targetBatch: ReturnType<typeof run>[] = [];
  let targetSent = false;
  let shooterSent = false;
  let shooterHeardAt = now;
  for (let steps = 0; now < end && steps < 2 * SHOTS * FIRE_EVERY; ) {
    const next = Math.min(nextStepAt, shooter.nextDue(), end);
    const after: TestClient[] = targetSent ? [target.client] : [];
    if (shooterSent || now - shooterHeardAt >= 2 * STEP_MS - 1) {
      after.push(client);
      shooterHeardAt = now;
    }
    await room.advance(next - now, { after });
    now = next;
    const step = now === nextStepAt;
    targetSent = false;
    if (step) {
      nextStepAt += STEP_MS;
      steps++;
      targetBatch.push(run(target.lastInputSeq + targetBatch.length + 1));
      if (targetBatch.length === 2) {
        target.sendNow(targetBatch.splice(0));
        targetSent = true;
      }
    }
    shooterSent = shooter.at(now, { step, fire: shooter.shots < SHOTS });
    if (shooter.shots === SHOTS && end === Infinity) end = now + 1500;
  }
  // The room measured the link the shooter is behind (it bounds how far back a shot is judged by it).
  const rttMs = await inConnection(room.code, shooterId, (connection) => connection?.rttMs, kind);
  client.close();
  target.close();
  return { hits: shooter.hits, shots: shooter.shots, rate: shooter.hits / shooter.shots, rttMs };
}

describe("lag compensation", () => {
  it("a ranger at 150 ms RTT, aiming at its interpolated view of a target running across it at full speed, hits ≥ 80 % — far less without compensation", async () => {
    const compensated = await hitRate("LAG_TEST_ROOMS");
    const uncompensated = await hitRate("UNCOMPENSATED_LAG_TEST_ROOMS");
    console.log(
      `lag compensation at ${RTT_MS} ms RTT: ${compensated.hits}/${compensated.shots} hits (${(compensated.rate * 100).toFixed(0)} %) with, ` +
        `${uncompensated.hits}/${uncompensated.shots} (${(uncompensated.rate * 100).toFixed(0)} %) without; the room measured ${compensated.rttMs?.toFixed(0)} ms`,
    );
    expect(compensated.shots).toBe(SHOTS);
    expect(uncompensated.shots).toBe(SHOTS);
    // The link is what it claims: a confirmation reaches the room one round trip after its snapshot, plus up to a batch
    // interval (the shooter confirms on its next batch).
    expect(compensated.rttMs).toBeGreaterThanOrEqual(RTT_MS);
    expect(compensated.rttMs).toBeLessThan(RTT_MS + 2 * STEP_MS);
    expect(compensated.rate).toBeGreaterThanOrEqual(0.8);
    expect(uncompensated.rate).toBeLessThanOrEqual(compensated.rate / 2);
  }, 60_000); // two rooms of ~350 clocked steps, each a round trip into the room: ~15 s alone, more on a loaded machine
});
