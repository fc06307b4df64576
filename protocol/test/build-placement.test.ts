import { describe, expect, it } from "vitest";
import {
  BUILD_BODY_MARGIN_METRES,
  BUILD_REACH_METRES,
  BuildRejectReason,
  SPAWN_PROTECTION_METRES,
  placementRefusal,
  type BuildAction,
  type BuildSite,
  type WorldRules,
} from "../src/index.ts";

const ROOM_WORLD: WorldRules = { minTile: -64, maxTile: 63, spawnRing: { minRadius: 4, maxRadius: 8 } };
const place = (tx: number, ty: number, kind: "wall" | "crate" | "floor" = "wall"): BuildAction => ({ op: "place", tx, ty, kind });
const remove = (tx: number, ty: number): BuildAction => ({ op: "remove", tx, ty });

/** A builder at (x, y) in the room world with nobody near anything (unless `near` says so). */
function site(x: number, y: number, near: BuildSite["bodyNear"] = () => false, world: WorldRules = ROOM_WORLD): BuildSite {
  return { world, builderX: x, builderY: y, bodyNear: near, isScenery: () => false };
}

describe("the fair-play build rules (shared by the room and the page)", () => {
  it("out_of_reach: a tile whose centre is more than 6 m from the builder's body; at exactly 6 m it is within", () => {
    expect(BUILD_REACH_METRES).toBe(6);
    // Builder at (20.5, 20.5): tile (26, 20)'s centre is 6 m away, (27, 20)'s 7 m.
    expect(placementRefusal(place(26, 20), site(20.5, 20.5))).toBeUndefined();
    expect(placementRefusal(place(27, 20), site(20.5, 20.5))).toBe(BuildRejectReason.outOfReach);
    // Diagonal: 4.24 × √2 ≈ 6.0 is inside, 5 × √2 ≈ 7.07 is not.
    expect(placementRefusal(place(24, 24), site(20.5, 20.5))).toBeUndefined();
    expect(placementRefusal(place(25, 25), site(20.5, 20.5))).toBe(BuildRejectReason.outOfReach);
    // Removing and floors are bounded by reach too: nobody builds or tears down across the map.
    expect(placementRefusal(remove(40, 40), site(20.5, 20.5))).toBe(BuildRejectReason.outOfReach);
    expect(placementRefusal(place(40, 40, "floor"), site(20.5, 20.5))).toBe(BuildRejectReason.outOfReach);
  });

  it("out_of_bounds: outside the room's world, whatever the reach, checked first", () => {
    expect(placementRefusal(place(64, 20), site(63.9, 20.5))).toBe(BuildRejectReason.outOfBounds);
    expect(placementRefusal(place(-65, 0), site(-63.9, 0.5))).toBe(BuildRejectReason.outOfBounds);
    expect(placementRefusal(place(63, 63), site(63.5, 63.5))).toBeUndefined();
    // A bigger kind's world holds it (the bounds come from the room, not from a constant).
    expect(placementRefusal(place(200, 0), site(200.5, 0.5, () => false, { minTile: -256, maxTile: 255 }))).toBeUndefined();
    expect(placementRefusal(place(5000, 0), site(0, 0))).toBe(BuildRejectReason.outOfBounds);
  });

  it("protected: no wall or crate whose centre is within 3 m of the spawn ring; floors and removals are fine there", () => {
    expect(SPAWN_PROTECTION_METRES).toBe(3);
    // On the ring (4–8 m), inside it down to 1 m from the origin, and out to 11 m.
    for (const [tx, ty] of [[5, 0], [0, -7], [10, 0], [1, 1], [-11, 0]] as const) {
      expect(placementRefusal(place(tx, ty), site(tx + 0.5, ty + 0.5)), `${tx},${ty}`).toBe(BuildRejectReason.protected);
      expect(placementRefusal(place(tx, ty, "crate"), site(tx + 0.5, ty + 0.5))).toBe(BuildRejectReason.protected);
      expect(placementRefusal(place(tx, ty, "floor"), site(tx + 0.5, ty + 0.5))).toBeUndefined();
      expect(placementRefusal(remove(tx, ty), site(tx + 0.5, ty + 0.5))).toBeUndefined();
    }
    // Centre 11.5 m out: 3.5 m from the ring; centre 0.7 m from the origin: 3.3 m inside it (no spawn point is there).
    expect(placementRefusal(place(11, 0), site(11.5, 0.5))).toBeUndefined();
    expect(placementRefusal(place(0, 0), site(0.5, 0.5))).toBeUndefined();
    // A world without a spawn ring (scattered spawns) protects nothing by distance.
    expect(placementRefusal(place(5, 0), site(5.5, 0.5, () => false, { minTile: -64, maxTile: 63 }))).toBeUndefined();
  });

  it("occupied: a wall or crate may not overlap any body's box grown by 0.25 m; a floor may", () => {
    expect(BUILD_BODY_MARGIN_METRES).toBe(0.25);
    const asked: number[] = [];
    const near: BuildSite["bodyNear"] = (tx, ty, margin) => {
      asked.push(margin);
      return tx === 30 && ty === 30;
    };
    expect(placementRefusal(place(30, 30), site(28.5, 30.5, near))).toBe(BuildRejectReason.occupied);
    expect(placementRefusal(place(30, 30, "crate"), site(28.5, 30.5, near))).toBe(BuildRejectReason.occupied);
    expect(placementRefusal(place(30, 30, "floor"), site(28.5, 30.5, near))).toBeUndefined();
    expect(placementRefusal(place(31, 30), site(28.5, 30.5, near))).toBeUndefined();
    expect(new Set(asked)).toEqual(new Set([0.25]));
  });

  it("checks in the contract's order: out_of_bounds, out_of_reach, protected, occupied", () => {
    const everywhere: BuildSite["bodyNear"] = () => true;
    expect(placementRefusal(place(70, 0), site(0.5, 0.5, everywhere))).toBe(BuildRejectReason.outOfBounds);
    expect(placementRefusal(place(5, 0), site(30.5, 0.5, everywhere))).toBe(BuildRejectReason.outOfReach);
    expect(placementRefusal(place(5, 0), site(5.5, 0.5, everywhere))).toBe(BuildRejectReason.protected);
    expect(placementRefusal(place(20, 0), site(20.5, 0.5, everywhere))).toBe(BuildRejectReason.occupied);
  });

  it("scenery: no action of any kind acts on a scenery tile (after bounds and reach, before the rest)", () => {
    const tree: BuildSite["isScenery"] = (tx, ty) => tx === 40 && ty === 40;
    const at = (x: number, y: number) => ({ ...site(x, y, () => true), isScenery: tree });
    for (const action of [place(40, 40), place(40, 40, "crate"), place(40, 40, "floor"), remove(40, 40)]) {
      expect(placementRefusal(action, at(40.5, 42.5)), `${action.op}`).toBe(BuildRejectReason.scenery);
    }
    expect(placementRefusal(place(40, 40), at(40.5, 50.5))).toBe(BuildRejectReason.outOfReach);
    expect(placementRefusal(remove(41, 40), at(40.5, 42.5))).toBeUndefined();
  });
});
