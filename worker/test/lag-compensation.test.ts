import { describe, expect, it } from "vitest";
import { spawnPoint } from "../src/features/movement/spawn-point.ts";
import { DEFAULT_ROOM_KIND } from "../src/room/kinds/room-kinds.ts";
import { CombatPlayer, createCharacter, joinTestRoom, type RoomKind } from "./support/combat-player.ts";
import { LaggedShooter } from "./support/lagged-shooter.ts";
import { freshRoom, TestClient } from "./support/test-client.ts";
import { Kind, type WelcomeMessage } from "@edgehold/protocol";

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

/** One run in a fresh room of `kind`: the lagged ranger's hits / shots at the running target. */
async function hitRate(kind: Exclude<RoomKind, "real">): Promise<{ hits: number; shots: number; rate: number }> {
  const room = freshRoom("lag");
  const { shooterId, targetId } = positionedPair(room);
  await createCharacter(shooterId, "ranger");
  const target = await CombatPlayer.join(room, targetId, kind);
  await target.dropSpawnProtection();
  // The target runs along y at full speed, turning every LEG_STEPS steps.
  const upward = (seq: number) => Math.floor((seq + LEG_STEPS / 2) / LEG_STEPS) % 2 === 0;
  target.nextInput = (seq) => ({ up: upward(seq), down: !upward(seq), left: false, right: false });
  target.start();

  const response = await joinTestRoom(kind, room, shooterId);
  const socket = response.webSocket!;
  (socket as WebSocket & { binaryType: string }).binaryType = "arraybuffer";
  socket.accept();
  const client = new TestClient(socket, "msgpack");
  const welcome = (await client.nextKind(Kind.welcome)) as WelcomeMessage;
  const shooter = new LaggedShooter(client, welcome.payload.entityId, welcome.payload.lastInputSeq, target.entityId, RTT_MS, FIRE_EVERY);
  shooter.start(SHOTS);
  const deadline = Date.now() + 50_000;
  while (shooter.shots < SHOTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // The last arrow lands (or flies its 30 m) within a second; its hit event needs another 75 ms to arrive.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  shooter.stop();
  client.close();
  target.close();
  return { hits: shooter.hits, shots: shooter.shots, rate: shooter.hits / shooter.shots };
}

describe("lag compensation", () => {
  it("a ranger at 150 ms RTT, aiming at its interpolated view of a target running across it at full speed, hits ≥ 80 % — far less without compensation", async () => {
    const compensated = await hitRate("LAG_TEST_ROOMS");
    const uncompensated = await hitRate("UNCOMPENSATED_LAG_TEST_ROOMS");
    console.log(
      `lag compensation at ${RTT_MS} ms RTT: ${compensated.hits}/${compensated.shots} hits (${(compensated.rate * 100).toFixed(0)} %) with, ` +
        `${uncompensated.hits}/${uncompensated.shots} (${(uncompensated.rate * 100).toFixed(0)} %) without`,
    );
    expect(compensated.shots).toBe(SHOTS);
    expect(uncompensated.shots).toBe(SHOTS);
    expect(compensated.rate).toBeGreaterThanOrEqual(0.8);
    expect(uncompensated.rate).toBeLessThanOrEqual(compensated.rate / 2);
  }, 120_000);
});
