import { describe, expect, it } from "vitest";
import {
  BODY_RADIUS,
  DT,
  InputBit,
  MAX_SPEED,
  DEFAULT_WORLD,
  type Sim,
  TileKind,
  tileBlocks,
} from "../src/index.ts";
import { FNV_OFFSET } from "../src/fnv.ts";
import { hold, read } from "./body-helpers.ts";

/** The default world's tile bounds (a sim's world until setWorld): -64..63. */
const { minTile: TILE_MIN, maxTile: TILE_MAX } = DEFAULT_WORLD;
/** FNV-1a of no bytes: the hash of an empty world. */
const EMPTY_HASH = FNV_OFFSET;
const R = BODY_RADIUS;
/** One wire unit (m). */
const UNIT = 1 / 256;

/**
 * The test's own statement of the overlap rule: the open box (x ± R) × (y ± R) overlaps a blocking tile. Touching a
 * face is not overlapping.
 */
function overlapsBlocking(sim: Sim, x: number, y: number): boolean {
  for (let tx = Math.floor(x - R); tx < x + R; tx++) {
    for (let ty = Math.floor(y - R); ty < y + R; ty++) {
      if (tx + 1 > x - R && ty + 1 > y - R && tileBlocks(sim.tiles.kind(tx, ty))) return true;
    }
  }
  return false;
}

function wall(sim: Sim, fromTx: number, fromTy: number, toTx: number, toTy: number, kind: TileKind = TileKind.wall): void {
  for (let tx = fromTx; tx <= toTx; tx++) for (let ty = fromTy; ty <= toTy; ty++) sim.tiles.set(tx, ty, kind);
}

/** The one of the 8 key combinations closest to the direction `angle` (radians). */
function keysToward(angle: number): number {
  const octant = ((Math.round(angle / (Math.PI / 4)) % 8) + 8) % 8;
  const keys = [
    InputBit.right,
    InputBit.right | InputBit.up,
    InputBit.up,
    InputBit.up | InputBit.left,
    InputBit.left,
    InputBit.left | InputBit.down,
    InputBit.down,
    InputBit.down | InputBit.right,
  ];
  return keys[octant]!;
}

/** The four ways to drive straight at tile (0, 0): keys, start, and where the body must stop (flush at a face). */
const HEAD_ON = [
  { name: "right", keys: InputBit.right, start: [-4.5, 0.5], stop: [-R, 0.5] },
  { name: "left", keys: InputBit.left, start: [5.5, 0.5], stop: [1 + R, 0.5] },
  { name: "up", keys: InputBit.up, start: [0.5, -4.5], stop: [0.5, -R] },
  { name: "down", keys: InputBit.down, start: [0.5, 5.5], stop: [0.5, 1 + R] },
] as const;

/**
 * How bodies meet the static world, for every Sim (today: the wasm build). Collision rules are stated in
 * sim-core/assembly/collision.ts; each test below pins one of them.
 */
export function describeCollisionContract(name: string, makeSim: () => Sim): void {
  describe(`${name} (collision contract)`, () => {
    it("stores tiles of every kind inside the world and rejects tiles outside it", () => {
      const sim = makeSim();
      expect(sim.tiles.set(TILE_MIN, TILE_MIN, TileKind.wall)).toBe(true);
      expect(sim.tiles.set(TILE_MAX, TILE_MAX, TileKind.crate)).toBe(true);
      expect(sim.tiles.set(0, -1, TileKind.floor)).toBe(true);
      expect([sim.tiles.kind(TILE_MIN, TILE_MIN), sim.tiles.kind(TILE_MAX, TILE_MAX), sim.tiles.kind(0, -1), sim.tiles.kind(5, 5)]).toEqual([
        TileKind.wall,
        TileKind.crate,
        TileKind.floor,
        TileKind.empty,
      ]);
      const hash = sim.stateHash();
      for (const [tx, ty] of [[TILE_MAX + 1, 0], [TILE_MIN - 1, 0], [0, TILE_MAX + 1], [0, TILE_MIN - 1], [2 ** 32 + 5, 0], [0, -(2 ** 40)]]) {
        expect(sim.tiles.set(tx!, ty!, TileKind.wall), `(${tx}, ${ty})`).toBe(false);
        expect(sim.tiles.kind(tx!, ty!)).toBe(TileKind.empty);
      }
      expect(sim.tiles.kind(5, 0)).toBe(TileKind.empty);
      expect(sim.stateHash()).toBe(hash);
      expect(() => sim.tiles.set(1.5, 0, TileKind.wall)).toThrow(RangeError);
      expect(() => sim.tiles.set(0, Number.NaN, TileKind.wall)).toThrow(RangeError);
      expect(() => sim.tiles.set(0, 0, 7 as TileKind)).toThrow(RangeError);
      expect(() => sim.tiles.set(0, 0, -1 as TileKind)).toThrow(RangeError);
      expect(() => sim.tiles.kind(0.5, 0)).toThrow(RangeError);
      expect(sim.stateHash()).toBe(hash);
      sim.tiles.set(0, -1, TileKind.empty);
      expect(sim.tiles.kind(0, -1)).toBe(TileKind.empty);
      sim.tiles.clear();
      expect(sim.tiles.kind(TILE_MIN, TILE_MIN)).toBe(TileKind.empty);
      expect(sim.stateHash()).toBe(EMPTY_HASH);
      expect(sim.tiles.hash()).toBe(EMPTY_HASH);
    });

    it("hashes the tiles: any tile changes stateHash and tiles.hash, the order they were placed in does not", () => {
      const a = makeSim();
      a.tiles.set(1, 2, TileKind.wall);
      a.tiles.set(-3, 4, TileKind.crate);
      const b = makeSim();
      b.tiles.set(-3, 4, TileKind.crate);
      b.tiles.set(7, 7, TileKind.floor);
      b.tiles.set(1, 2, TileKind.wall);
      b.tiles.set(7, 7, TileKind.empty);
      expect(b.tiles.hash()).toBe(a.tiles.hash());
      expect(b.stateHash()).toBe(a.stateHash());
      // Without bodies the world's hash is the tiles' hash.
      expect(a.stateHash()).toBe(a.tiles.hash());
      const hashes = new Set([a.tiles.hash(), EMPTY_HASH]);
      for (const [tx, ty, kind] of [[1, 2, TileKind.crate], [1, 3, TileKind.wall], [2, 2, TileKind.wall], [1, 2, TileKind.floor]] as const) {
        const sim = makeSim();
        sim.tiles.set(-3, 4, TileKind.crate);
        sim.tiles.set(tx, ty, kind);
        hashes.add(sim.tiles.hash());
        expect(sim.stateHash()).toBe(sim.tiles.hash());
      }
      expect(hashes.size).toBe(6);
      a.bodies.spawn(0, 0, 0, 0, 0);
      expect(a.stateHash()).not.toBe(a.tiles.hash());
    });

    it.each([TileKind.wall, TileKind.crate])("kind %i stops a body flush at its face from each side, velocity into it zeroed", (kind) => {
      for (const { name: side, keys, start, stop } of HEAD_ON) {
        const sim = makeSim();
        sim.tiles.set(0, 0, kind);
        sim.bodies.spawn(0, start[0], start[1], 0, 0);
        hold(sim, 0, keys, 60);
        expect(read(sim, 0), side).toEqual({ x: stop[0], y: stop[1], vx: 0, vy: 0 });
      }
    });

    it("floors and empty tiles do not block: the body moves exactly as in an empty world", () => {
      const open = makeSim();
      const floored = makeSim();
      wall(floored, -10, -10, 10, 10, TileKind.floor);
      floored.tiles.set(0, 0, TileKind.empty);
      for (const sim of [open, floored]) {
        sim.bodies.spawn(0, -4.5, 0.5, 0, 0);
        hold(sim, 0, InputBit.right | InputBit.up, 60);
      }
      expect(read(floored, 0)).toEqual(read(open, 0));
      expect(floored.bodies.x(0)).toBeGreaterThan(3);
    });

    it("slides along a wall it is pushed into diagonally, keeping the parallel component", () => {
      // A wall of 41 tiles on each side of a 6 m-wide box; each push runs along 10 m of wall, over 10 tile seams.
      const cases = [
        { keys: InputBit.right | InputBit.up, start: [1, -5], wallAt: [3, -20, 3, 20], flush: { x: 3 - R }, along: "y", sign: 1 },
        { keys: InputBit.right | InputBit.down, start: [1, 5], wallAt: [3, -20, 3, 20], flush: { x: 3 - R }, along: "y", sign: -1 },
        { keys: InputBit.left | InputBit.up, start: [1, -5], wallAt: [-2, -20, -2, 20], flush: { x: -1 + R }, along: "y", sign: 1 },
        { keys: InputBit.up | InputBit.right, start: [-5, 1], wallAt: [-20, 3, 20, 3], flush: { y: 3 - R }, along: "x", sign: 1 },
        { keys: InputBit.down | InputBit.left, start: [5, 1], wallAt: [-20, -2, 20, -2], flush: { y: -1 + R }, along: "x", sign: -1 },
      ] as const;
      for (const { keys, start, wallAt, flush, along, sign } of cases) {
        const sim = makeSim();
        wall(sim, wallAt[0], wallAt[1], wallAt[2], wallAt[3]);
        sim.bodies.spawn(0, start[0], start[1], 0, 0);
        let last = along === "y" ? sim.bodies.y(0) : sim.bodies.x(0);
        let touching = 0;
        for (let step = 0; step < 60; step++) {
          hold(sim, 0, keys, 1);
          const position = along === "y" ? sim.bodies.y(0) : sim.bodies.x(0);
          // The body never stalls against the wall: every step moves it along.
          expect(Math.sign(position - last), `step ${step}`).toBe(sign);
          last = position;
          expect(overlapsBlocking(sim, sim.bodies.x(0), sim.bodies.y(0))).toBe(false);
          const atWall = "x" in flush ? sim.bodies.x(0) === flush.x : sim.bodies.y(0) === flush.y;
          if (atWall) touching++;
        }
        expect(touching).toBeGreaterThan(40);
        const state = read(sim, 0);
        // Into the wall: stopped. Along it: at least the diagonal's share of top speed, not lost to the wall.
        expect("x" in flush ? [state.x, state.vx] : [state.y, state.vy]).toEqual(["x" in flush ? flush.x : flush.y, 0]);
        expect(Math.abs(along === "y" ? state.vy : state.vx)).toBeGreaterThanOrEqual(MAX_SPEED * Math.SQRT1_2);
      }
    });

    it("does not snag on the seams of a flush wall: moving along it is exactly like open ground", () => {
      const open = makeSim();
      const walled = makeSim();
      wall(walled, -30, -1, 5, -1);
      wall(walled, 10, -20, 10, 20, TileKind.crate);
      for (const sim of [open, walled]) {
        // Resting on the wall row (its top face is y = 0) and against the crate column (its left face is x = 10).
        sim.bodies.spawn(0, -20, R, 0, 0);
        sim.bodies.spawn(1, 10 - R, -15.5, 0, 0);
        for (let step = 0; step < 90; step++) {
          sim.bodies.setInput(0, InputBit.right);
          sim.bodies.setInput(1, InputBit.up);
          sim.step();
        }
      }
      expect(read(walled, 0)).toEqual(read(open, 0));
      expect(read(walled, 1)).toEqual(read(open, 1));
      expect(walled.bodies.x(0)).toBeGreaterThan(-5);
      expect(walled.bodies.y(1)).toBeGreaterThan(0);
    });

    it("cannot pass between two blocking tiles that meet only at a corner: it stops in the pocket", () => {
      const cases = [
        { tiles: [[0, 0], [1, 1]], start: [1.5, 0.5], keys: InputBit.up | InputBit.left, stop: [1 + R, 1 - R] },
        { tiles: [[0, 0], [1, 1]], start: [0.5, 1.5], keys: InputBit.down | InputBit.right, stop: [1 - R, 1 + R] },
        { tiles: [[0, 1], [1, 0]], start: [0.5, 0.5], keys: InputBit.up | InputBit.right, stop: [1 - R, 1 - R] },
        { tiles: [[0, 1], [1, 0]], start: [1.5, 1.5], keys: InputBit.down | InputBit.left, stop: [1 + R, 1 + R] },
      ] as const;
      for (const { tiles, start, keys, stop } of cases) {
        const sim = makeSim();
        for (const [tx, ty] of tiles) sim.tiles.set(tx, ty, TileKind.crate);
        sim.bodies.spawn(0, start[0], start[1], 0, 0);
        for (let step = 0; step < 60; step++) {
          hold(sim, 0, keys, 1);
          expect(overlapsBlocking(sim, sim.bodies.x(0), sim.bodies.y(0))).toBe(false);
        }
        expect(read(sim, 0)).toEqual({ x: stop[0], y: stop[1], vx: 0, vy: 0 });
      }
    });

    it("rounds the outer corner of a lone tile: slides off its face and carries on", () => {
      const sim = makeSim();
      sim.tiles.set(0, 0, TileKind.wall);
      sim.bodies.spawn(0, -2, -1.5, 0, 0);
      for (let step = 0; step < 60; step++) {
        hold(sim, 0, InputBit.up | InputBit.right, 1);
        expect(overlapsBlocking(sim, sim.bodies.x(0), sim.bodies.y(0))).toBe(false);
      }
      expect(sim.bodies.x(0) > 1 + R || sim.bodies.y(0) > 1 + R).toBe(true);
      expect(Math.hypot(sim.bodies.vx(0), sim.bodies.vy(0))).toBeGreaterThan(MAX_SPEED * 0.9);
    });

    it("does not tunnel at top speed: head-on into a 1-tile wall, at every sub-step phase of arrival", () => {
      expect(MAX_SPEED * DT).toBeLessThan(1);
      for (const { name: side, keys, start, stop } of HEAD_ON) {
        const sim = makeSim();
        sim.tiles.set(0, 0, TileKind.wall);
        // The body is at top speed long before it arrives; shifting the start over one step's travel (0.2 m) in
        // wire units makes it reach the face at every possible fraction of a step.
        for (let phase = 0; phase * UNIT <= MAX_SPEED * DT; phase++) {
          const shift = phase * UNIT;
          const [dx, dy] = [Math.sign(stop[0] - start[0]) * -shift, Math.sign(stop[1] - start[1]) * -shift];
          sim.bodies.spawn(0, start[0] + dx, start[1] + dy, 0, 0);
          hold(sim, 0, keys, 40);
          expect(read(sim, 0), `${side}, phase ${phase}`).toEqual({ x: stop[0], y: stop[1], vx: 0, vy: 0 });
        }
      }
    });

    it("does not tunnel at top speed from any angle: never inside a 1-tile wall, before or after a step's x leg", () => {
      const sim = makeSim();
      sim.tiles.set(0, 0, TileKind.wall);
      let stopped = 0;
      const inside: string[] = [];
      for (let degrees = 0; degrees < 360; degrees += 3) {
        const angle = (degrees * Math.PI) / 180;
        const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
        // Lines aimed at the centre, at the faces, at the corners and just past them.
        for (const lateral of [-1.3, -1.1, -0.875, -0.6, -0.3, 0, 0.3, 0.6, 0.875, 1.1, 1.3]) {
          sim.bodies.spawn(0, 0.5 - 3 * ux - lateral * uy, 0.5 - 3 * uy + lateral * ux, 0, 0);
          for (let step = 0; step < 30; step++) {
            const [x0, y0] = [sim.bodies.x(0), sim.bodies.y(0)];
            // Top speed along the angle every step (the keys nearest it keep the speed at the cap).
            sim.bodies.setState(0, x0, y0, MAX_SPEED * ux, MAX_SPEED * uy);
            sim.bodies.setInput(0, keysToward(angle));
            sim.step();
            const [x1, y1] = [sim.bodies.x(0), sim.bodies.y(0)];
            // A step moves along x, then y: both legs are axis-aligned and shorter than the tile plus the box
            // (1.75 m), so if none of the three points overlaps the tile the path did not cross it.
            const tooFar = Math.hypot(x1 - x0, y1 - y0) > MAX_SPEED * DT * Math.SQRT2;
            if (tooFar || overlapsBlocking(sim, x1, y0) || overlapsBlocking(sim, x1, y1)) {
              inside.push(`${degrees}°, lateral ${lateral}, step ${step}: (${x0}, ${y0}) → (${x1}, ${y1})`);
            }
          }
          if (sim.bodies.vx(0) === 0 || sim.bodies.vy(0) === 0) stopped++;
        }
      }
      expect(inside).toEqual([]);
      // Many of the lines did run into the tile (and were stopped on an axis), so the check is not vacuous.
      expect(stopped).toBeGreaterThan(100);
    });

    it("lets a body inside a blocking tile walk out, and not back in", () => {
      const sim = makeSim();
      sim.tiles.set(0, 0, TileKind.wall);
      sim.bodies.spawn(0, 0.5, 0.5, 0, 0);
      expect(sim.tiles.isOccupied(0, 0)).toBe(true);
      hold(sim, 0, InputBit.right, 20);
      expect(sim.bodies.x(0)).toBeGreaterThan(1 + R);
      hold(sim, 0, InputBit.left, 40);
      expect(read(sim, 0)).toEqual({ x: 1 + R, y: 0.5, vx: 0, vy: 0 });
    });

    it("reports which tiles a body is on (touching a face is not being on it); tiles.set moves no body", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 1 + R, 0.5, 0, 0);
      expect([sim.tiles.isOccupied(0, 0), sim.tiles.isOccupied(1, 0), sim.tiles.isOccupied(1, 1), sim.tiles.isOccupied(2, 0)]).toEqual([false, true, false, false]);
      sim.bodies.setState(0, 1 + R - UNIT, 1 - R + UNIT, 0, 0);
      expect([sim.tiles.isOccupied(0, 0), sim.tiles.isOccupied(1, 0), sim.tiles.isOccupied(0, 1), sim.tiles.isOccupied(1, 1)]).toEqual([true, true, true, true]);
      sim.bodies.despawn(0);
      expect(sim.tiles.isOccupied(1, 0)).toBe(false);
      expect(sim.tiles.isOccupied(TILE_MAX + 1, 0)).toBe(false);
      sim.bodies.spawn(1, 3.5, 3.5, 1, 0);
      const before = read(sim, 1);
      sim.tiles.set(3, 3, TileKind.wall);
      expect(read(sim, 1)).toEqual(before);
      expect(() => sim.tiles.isOccupied(0.5, 0)).toThrow(RangeError);
    });

    it("reports tiles within a margin of a body's box (the room keeps walls 0.25 m clear of everyone)", () => {
      const sim = makeSim();
      // The box spans x 1.125..1.875, y 0.125..0.875: 0.125 m short of tiles 0 and 2 along x and of row 1 along y.
      sim.bodies.spawn(0, 1.5, 0.5, 0, 0);
      expect([sim.tiles.isOccupied(0, 0), sim.tiles.isOccupied(2, 0), sim.tiles.isOccupied(1, 1)]).toEqual([false, false, false]);
      expect([sim.tiles.isOccupied(0, 0, 0.25), sim.tiles.isOccupied(2, 0, 0.25), sim.tiles.isOccupied(1, 1, 0.25)]).toEqual([true, true, true]);
      // Grown exactly to a tile's face is touching, not overlapping; a diagonal neighbour and tiles further off stay clear.
      expect([sim.tiles.isOccupied(0, 0, 0.125), sim.tiles.isOccupied(2, 1, 0.1), sim.tiles.isOccupied(3, 0, 0.25)]).toEqual([false, false, false]);
      expect(() => sim.tiles.isOccupied(2, 0, -0.1)).toThrow(RangeError);
      expect(() => sim.tiles.isOccupied(2, 0, Number.NaN)).toThrow(RangeError);
    });

    it("leaves the tiles alone on despawn and respawn, and the bodies alone on clearTiles", () => {
      const sim = makeSim();
      wall(sim, 2, -5, 2, 5);
      const tiles = sim.tiles.hash();
      sim.bodies.spawn(0, 0, 0, 0, 0);
      hold(sim, 0, InputBit.right, 30);
      sim.bodies.despawn(0);
      expect(sim.tiles.hash()).toBe(tiles);
      sim.bodies.spawn(0, 0, 0, 0, 0);
      hold(sim, 0, InputBit.right, 30);
      expect(read(sim, 0)).toEqual({ x: 2 - R, y: 0, vx: 0, vy: 0 });
      const body = read(sim, 0);
      sim.tiles.clear();
      expect(sim.bodies.isActive(0)).toBe(true);
      expect(read(sim, 0)).toEqual(body);
      hold(sim, 0, InputBit.right, 5);
      expect(sim.bodies.x(0)).toBeGreaterThan(2);
    });

    it("bodies.step advances only that body, by its own queued input, and nothing else", () => {
      const sim = makeSim();
      const lone = makeSim();
      sim.tiles.set(1, 0, TileKind.wall);
      lone.tiles.set(1, 0, TileKind.wall);
      sim.bodies.spawn(0, 0, 0.5, 2, 0);
      sim.bodies.spawn(1, -3, 0.5, 2, 0);
      lone.bodies.spawn(0, 0, 0.5, 2, 0);
      sim.bodies.setInput(0, InputBit.right);
      sim.bodies.setInput(1, InputBit.right);
      lone.bodies.setInput(0, InputBit.right);
      const other = read(sim, 1);
      sim.bodies.step(0);
      lone.step();
      expect(read(sim, 0)).toEqual(read(lone, 0));
      expect(read(sim, 1)).toEqual(other);
      // Body 1's input is still queued and body 0's was used up: the world step moves body 1 only.
      const first = read(sim, 0);
      sim.step();
      expect(read(sim, 0)).toEqual(first);
      expect(sim.bodies.x(1)).toBeGreaterThan(other.x);
      // No queued input, an inactive slot: nothing moves.
      const hash = sim.stateHash();
      sim.bodies.step(0);
      sim.bodies.setInput(5, InputBit.up);
      sim.bodies.step(5);
      expect(sim.stateHash()).toBe(hash);
      expect(() => sim.bodies.step(-1)).toThrow(RangeError);
      expect(() => sim.bodies.step(sim.bodies.capacity)).toThrow(RangeError);
    });

    it("one input gives the same state whether the world step or the body's own step applies it", () => {
      const viaWorld = makeSim();
      const viaBody = makeSim();
      for (const sim of [viaWorld, viaBody]) {
        wall(sim, -3, 2, 3, 2);
        for (let slot = 0; slot < 4; slot++) sim.bodies.spawn(slot, slot - 2, 0, 0, 0);
      }
      for (let step = 0; step < 50; step++) {
        for (let slot = 0; slot < 4; slot++) {
          const keys = (step * 5 + slot * 3) & 0xf;
          viaWorld.bodies.setInput(slot, keys);
          viaBody.bodies.setInput(slot, keys);
          viaBody.bodies.step(slot);
        }
        viaWorld.step();
        expect(viaBody.stateHash()).toBe(viaWorld.stateHash());
      }
    });
  });
}
