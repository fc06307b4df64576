import { describe, expect, it } from "vitest";
import type { ProjectileFields } from "../src/features/combat/combat-fields.ts";
import { RoomProjectiles, type RoomProjectileView } from "../src/features/combat/room-projectiles.ts";

const arrow = (x: number, owner = "7", seq = 3): ProjectileFields => ({ x, y: 2, vx: 30, vy: 0, owner, seq });

function sample(room: RoomProjectiles, at: number, skip: (p: ProjectileFields) => boolean = () => false): RoomProjectileView[] {
  const out: RoomProjectileView[] = [];
  room.sample(at, skip, out);
  return out;
}

describe("the others' projectiles between snapshots", () => {
  it("are drawn at the render time along their straight flight, from the snapshot that first listed them", () => {
    const room = new RoomProjectiles();
    room.observe([["1", arrow(0)]], 1000);
    room.observe([["1", arrow(3)]], 1100);
    // Not before it was first listed (its shooter is drawn in the past too: it has not fired yet on screen).
    expect(sample(room, 990)).toEqual([]);
    // 50 ms after its listing at 1000 ms: 1.5 m along at 30 m/s (exact for a straight flight).
    expect(sample(room, 1050)).toMatchObject([{ id: "1", x: 1.5, y: 2, owner: "7", seq: 3 }]);
  });

  it("once gone from the channel, it is drawn until halfway to the snapshot that dropped it, then forgotten", () => {
    const room = new RoomProjectiles();
    room.observe([["1", arrow(0)]], 1000);
    room.observe([], 1100);
    expect(sample(room, 1040)).toHaveLength(1);
    expect(sample(room, 1050)).toEqual([]);
    expect(sample(room, 1000)).toEqual([]);
  });

  it("leaves out what the caller skips (the own projectiles drawn from prediction)", () => {
    const room = new RoomProjectiles();
    room.observe([["1", arrow(0, "self", 5)], ["2", arrow(0, "7", 9)]], 1000);
    expect(sample(room, 1000, (p) => p.owner === "self" && p.seq === 5).map((p) => p.id)).toEqual(["2"]);
  });
});
