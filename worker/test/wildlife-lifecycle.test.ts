import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { RoomWorld } from "../src/room/room-world.ts";
import { Kind } from "@edgehold/protocol";
import { ClockedRoom } from "./support/clocked-room.ts";
import { freshRoom } from "./support/test-client.ts";
import { WildPlayer, wildRoom } from "./support/wild-room.ts";
import { internalsOf } from "./support/room-internals.ts";

/** The room's creatures right now, read inside the Durable Object: entity id → position. */
function creaturesNow(room: string) {
  return runInDurableObject(wildRoom("WILD_ROOMS", room), (instance) => {
    const world = internalsOf(instance).world;
    return new Map([...world.creatures.values()].map((c) => [c.entityId, { x: world.sim.bodies.x(c.slot), y: world.sim.bodies.y(c.slot) }]));
  });
}

async function stopped(room: string) {
  const stub = wildRoom("WILD_ROOMS", room);
  await vi.waitFor(async () => expect((await stub.diagnostics(room))!.running).toBe(false), { timeout: 3000, interval: 20 });
  return (await stub.diagnostics(room))!;
}

describe("wildlife and the room's loop", () => {
  it("does not keep an empty room awake; the next join resumes the same creatures where they were, without a catch-up burst", async () => {
    const room = new ClockedRoom("idle", "WILD_ROOMS");
    const first = await WildPlayer.join("WILD_ROOMS", room.code, "idle-erin");
    await room.advance(600);
    for (let i = 0; i < 5; i++) await first.nextSnapshot();
    first.close();
    await first.client.closed();
    const atStop = await stopped(room.code);
    const frozen = await creaturesNow(room.code);
    expect(frozen.size).toBe(12);
    // Nothing of the room is scheduled, and a second of its time with nobody here runs nothing and moves nothing.
    expect(await room.pendingTimers()).toBe(0);
    await room.advance(1000);
    expect(await room.diagnostics()).toMatchObject({ running: false, tick: atStop.tick });
    expect(await creaturesNow(room.code)).toEqual(frozen);

    const back = await WildPlayer.join("WILD_ROOMS", room.code, "idle-erin");
    await room.stepUntil(back.client, () => back.client.received.some((m) => m.kind === Kind.snapshot), "first snapshot");
    back.update();
    // The first snapshot comes within a snapshot period of ticks of where the room stopped: the empty second was not
    // replayed (that would be ~30 steps at once).
    expect(back.tick - atStop.tick).toBeLessThanOrEqual(3);
    const creatures = back.creatures();
    expect([...creatures.keys()].sort()).toEqual([...frozen.keys()].sort());
    for (const [id, at] of frozen) {
      const now = back.body(id)!;
      // At most a few steps of walking (6 m/s top speed, 0.2 m a step) from where it stood.
      expect(Math.hypot(now.x - at.x, now.y - at.y)).toBeLessThanOrEqual(0.8);
    }
    expect((await room.diagnostics())!.droppedSteps).toBe(0);
    back.close();
  });

  it("after an eviction the next join finds a fresh population", async () => {
    const room = freshRoom("evict");
    const first = await WildPlayer.join("WILD_ROOMS", room, "evict-finn");
    await first.nextSnapshot();
    expect(first.creatures().size).toBe(12);
    first.close();
    await stopped(room);
    await abortAllDurableObjects();
    const back = await WildPlayer.join("WILD_ROOMS", room, "evict-finn");
    await back.nextSnapshot();
    expect(back.creatures().size).toBe(12);
    back.close();
  });
});
