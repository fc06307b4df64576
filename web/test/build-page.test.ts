import * as THREE from "three";
import { BUILD_TILE_MAX, BUILD_TILE_MIN, BuildRejectReason, StructureKind } from "@edgehold/protocol";
import { TILE_MAX, TILE_MIN } from "@edgehold/sim-core";
import { describe, expect, it } from "vitest";
import { BuildGhostLayer } from "../src/features/build/build-ghost-layer.ts";
import { BuildMode, PREVIEW_INTERVAL_MS } from "../src/features/build/build-mode.ts";
import { buildRejectedText } from "../src/features/build/build-rejection-text.ts";
import { StructureLayer } from "../src/features/build/structure-layer.ts";
import { pickGroundTile } from "../src/features/build/tile-picking.ts";
import { FollowCamera } from "../src/render/follow-camera.ts";

describe("tile bounds", () => {
  it("the protocol's build tile bounds hold every tile sim-core's largest world has", () => {
    expect(BUILD_TILE_MIN).toBeLessThanOrEqual(TILE_MIN);
    expect(BUILD_TILE_MAX).toBeGreaterThanOrEqual(TILE_MAX);
  });
});

describe("build mode", () => {
  it("B toggles it, 1–3 pick wall/crate/floor only while it is on", () => {
    const mode = new BuildMode();
    expect(mode.onKey("Digit2")).toBe(false);
    expect(mode.kind).toBe(StructureKind.wall);
    expect(mode.onKey("KeyB")).toBe(true);
    expect(mode.active).toBe(true);
    for (const [key, kind] of [["Digit2", "crate"], ["Digit3", "floor"], ["Digit1", "wall"]] as const) {
      expect(mode.onKey(key)).toBe(true);
      expect(mode.kind).toBe(kind);
    }
    expect(mode.onKey("KeyW")).toBe(false);
    mode.onKey("KeyB");
    expect(mode.active).toBe(false);
  });

  it("left click queues a place and right click a remove at the hovered tile, for exactly one input", () => {
    const mode = new BuildMode();
    mode.hover = { tx: 3, ty: -2 };
    expect(mode.onClick(0)).toBe(false);
    mode.onKey("KeyB");
    mode.onKey("Digit2");
    expect(mode.onClick(0)).toBe(true);
    expect(mode.takeAction()).toEqual({ op: "place", tx: 3, ty: -2, kind: "crate" });
    expect(mode.takeAction()).toBeUndefined();
    mode.onClick(2);
    expect(mode.takeAction()).toEqual({ op: "remove", tx: 3, ty: -2 });
    mode.hover = undefined;
    expect(mode.onClick(0)).toBe(false);
    // Leaving build mode drops an unsent click.
    mode.hover = { tx: 1, ty: 1 };
    mode.onClick(0);
    mode.onKey("KeyB");
    expect(mode.takeAction()).toBeUndefined();
  });

  it("sends a preview when the ghost changes, at most every PREVIEW_INTERVAL_MS, and a clear when it goes", () => {
    const mode = new BuildMode();
    expect(mode.previewUpdate(0)).toBeUndefined();
    mode.onKey("KeyB");
    mode.hover = { tx: 0, ty: 0 };
    expect(mode.previewUpdate(1000)).toEqual({ tx: 0, ty: 0, kind: "wall" });
    expect(mode.previewUpdate(2000)).toBeUndefined();
    mode.hover = { tx: 1, ty: 0 };
    expect(mode.previewUpdate(2000)).toEqual({ tx: 1, ty: 0, kind: "wall" });
    mode.hover = { tx: 2, ty: 0 };
    expect(mode.previewUpdate(2000 + PREVIEW_INTERVAL_MS - 1)).toBeUndefined();
    // Still due later: the latest ghost wins.
    mode.hover = { tx: 3, ty: 0 };
    expect(mode.previewUpdate(2000 + PREVIEW_INTERVAL_MS)).toEqual({ tx: 3, ty: 0, kind: "wall" });
    mode.onKey("KeyB");
    expect(mode.previewUpdate(5000)).toEqual({ clear: true });
    expect(mode.previewUpdate(6000)).toBeUndefined();
  });
});

describe("ground tile picking", () => {
  it("finds the tile under a screen point through the follow camera", () => {
    const follow = new FollowCamera();
    follow.resize(1280, 720);
    follow.follow(10.2, -3.7, 0);
    const camera = follow.camera;
    camera.updateMatrixWorld();
    for (const [x, y] of [[10.5, -3.5], [11.99, -0.01], [3.25, -9.75], [-0.5, 0.5]] as const) {
      const ndc = new THREE.Vector3(x, 0, -y).project(camera);
      expect(pickGroundTile(ndc.x, ndc.y, camera), `${x}, ${y}`).toEqual({ tx: Math.floor(x), ty: Math.floor(y) });
    }
  });

  it("misses above the horizon and beyond the largest world (the build rules refuse the rest as out_of_bounds)", () => {
    const follow = new FollowCamera();
    follow.resize(1280, 720);
    follow.follow(BUILD_TILE_MAX - 1, 0, 0);
    follow.camera.updateMatrixWorld();
    const level = new THREE.PerspectiveCamera(40, 16 / 9, 1, 300);
    level.position.set(0, 5, 0);
    level.lookAt(0, 5, -10);
    level.updateMatrixWorld();
    expect(pickGroundTile(0, 0.5, level)).toBeUndefined();
    expect(pickGroundTile(0, 0, level)).toBeUndefined();
    expect(pickGroundTile(0, -0.5, level)).toMatchObject({ tx: 0 });
    const beyond = new THREE.Vector3(BUILD_TILE_MAX + 1.5, 0, 0).project(follow.camera);
    expect(pickGroundTile(beyond.x, beyond.y, follow.camera)).toBeUndefined();
    const inside = new THREE.Vector3(BUILD_TILE_MAX + 0.5, 0, 0.5).project(follow.camera);
    expect(pickGroundTile(inside.x, inside.y, follow.camera)).toEqual({ tx: BUILD_TILE_MAX, ty: -1 });
  });
});

describe("structure and ghost layers", () => {
  const channel = (entries: [string, Record<string, unknown>][]) => new Map(entries);

  it("draws one instance per structure in its kind's mesh, at its tile, redrawing only on a new version", () => {
    const layer = new StructureLayer(100);
    const structures = channel([
      ["1", { tx: 2, ty: 3, kind: "wall", owner: "a", hp: 500 }],
      ["2", { tx: -1, ty: 0, kind: "wall", owner: "a", hp: 500 }],
      ["3", { tx: 0, ty: 0, kind: "floor", owner: "b", hp: 100 }],
      ["4", { tx: BUILD_TILE_MAX + 1, ty: 0, kind: "wall", owner: "b", hp: 1 }],
    ]);
    layer.sync(structures, 1);
    expect([layer.count("wall"), layer.count("crate"), layer.count("floor")]).toEqual([2, 0, 1]);
    const walls = layer.root.getObjectByName("structures-wall") as THREE.InstancedMesh;
    const matrix = new THREE.Matrix4();
    walls.getMatrixAt(0, matrix);
    expect(new THREE.Vector3().setFromMatrixPosition(matrix).toArray()).toEqual([2.5, 0, -3.5]);
    structures.delete("1");
    layer.sync(structures, 1);
    expect(layer.count("wall")).toBe(2);
    layer.sync(structures, 2);
    expect(layer.count("wall")).toBe(1);
    layer.dispose();
  });

  it("shows the own ghost and others' translucent ghosts, skipping the own entity's echoed preview", () => {
    const ghosts = new BuildGhostLayer();
    const previews = channel([
      ["1", { tx: 0, ty: 0, kind: "wall" }],
      ["2", { tx: 4, ty: 4, kind: "crate" }],
      ["3", { tx: 5, ty: 4, kind: "crate" }],
    ]);
    expect(ghosts.ownGhost()).toBeUndefined();
    ghosts.sync({ tx: 0, ty: 0, kind: "floor" }, previews, "1");
    expect(ghosts.shown("floor")).toEqual({ own: true, others: 0, refused: false });
    expect(ghosts.ownGhost()).toEqual({ tx: 0, ty: 0, kind: "floor", color: "green" });
    expect(ghosts.shown("crate")).toEqual({ own: false, others: 2, refused: false });
    expect(ghosts.shown("wall")).toEqual({ own: false, others: 0, refused: false });
    // A placement the room would refuse there: the own ghost turns red, and back when it would be accepted.
    ghosts.sync({ tx: 4, ty: 4, kind: "floor" }, undefined, "1", true);
    expect(ghosts.shown("floor")).toEqual({ own: true, others: 0, refused: true });
    expect(ghosts.ownGhost()).toEqual({ tx: 4, ty: 4, kind: "floor", color: "red" });
    // Negative tiles read back too (the world spans both sides of 0).
    ghosts.sync({ tx: -3, ty: -7, kind: "wall" }, undefined, "1", true);
    expect(ghosts.ownGhost()).toEqual({ tx: -3, ty: -7, kind: "wall", color: "red" });
    ghosts.sync({ tx: 4, ty: 4, kind: "floor" }, undefined, "1", false);
    expect(ghosts.shown("floor").refused).toBe(false);
    ghosts.sync(undefined, undefined, "1");
    expect(ghosts.shown("floor")).toEqual({ own: false, others: 0, refused: false });
    expect(ghosts.ownGhost()).toBeUndefined();
    expect(ghosts.shown("crate").others).toBe(0);
    ghosts.dispose();
  });
});

describe("build_rejected in the HUD", () => {
  it("says why in words for every reason, and shows an unknown one as it is", () => {
    const texts = Object.values(BuildRejectReason).map(buildRejectedText);
    expect(new Set(texts).size).toBe(Object.values(BuildRejectReason).length);
    expect(buildRejectedText("out_of_reach")).toMatch(/6 m/);
    expect(buildRejectedText("too_fast")).toMatch(/too fast/);
    expect(buildRejectedText("not_owner")).toMatch(/not your/);
    expect(buildRejectedText("mystery")).toBe("build refused: mystery");
    expect(buildRejectedText(undefined)).toBe("build refused");
  });
});
