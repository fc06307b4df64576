import { describe, expect, it } from "vitest";
import {
  InputBit,
  MAX_SPEED,
  type Sim,
  WIRE_UNITS_PER_METRE,
  WORLD_HALF_EXTENT,
  DEFAULT_WORLD,
  runDeterminismScenario,
} from "../src/index.ts";
import { FNV_OFFSET } from "../src/fnv.ts";
import { hold, read } from "./body-helpers.ts";

/** FNV-1a of no bytes: the hash of a sim with no active entity. */
const EMPTY_HASH = FNV_OFFSET;
/** Snapping each component after the cap may add up to half a grid unit per axis. */
const SPEED_TOLERANCE = Math.SQRT2 / (2 * WIRE_UNITS_PER_METRE);

function speed(sim: Sim, slot: number): number {
  return Math.hypot(sim.bodies.vx(slot), sim.bodies.vy(slot));
}

function isOnGrid(value: number): boolean {
  const units = value * WIRE_UNITS_PER_METRE;
  return Number.isInteger(units) && units >= -32768 && units <= 32767 && !Object.is(value, -0);
}

/**
 * The movement behaviour every Sim must show (today: the wasm build, run by wasm-sim.test.ts); the
 * collision contract (collision-contract.ts) covers the tiles, the golden hashes cover every host.
 */
export function describeMovementContract(name: string, makeSim: () => Sim): void {
  describe(`${name} (Sim contract)`, () => {
    it("moves +y on up, -y on down, +x on right, -x on left", () => {
      const sim = makeSim();
      const cases = [
        [InputBit.up, 0, 1],
        [InputBit.down, 0, -1],
        [InputBit.right, 1, 0],
        [InputBit.left, -1, 0],
      ] as const;
      cases.forEach(([bits], slot) => sim.bodies.spawn(slot, 0, 0, 0, 0));
      cases.forEach(([bits], slot) => sim.bodies.setInput(slot, bits));
      sim.step();
      cases.forEach(([, sx, sy], slot) => {
        expect(Math.sign(sim.bodies.x(slot)), `slot ${slot} x`).toBe(sx);
        expect(Math.sign(sim.bodies.y(slot)), `slot ${slot} y`).toBe(sy);
        expect(Math.sign(sim.bodies.vx(slot))).toBe(sx);
        expect(Math.sign(sim.bodies.vy(slot))).toBe(sy);
      });
    });

    it("advances only entities with a queued input, one step per input", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 1, 2, 3, -4);
      sim.bodies.spawn(1, 1, 2, 3, -4);
      const before = read(sim, 0);
      sim.bodies.setInput(1, 0);
      sim.step();
      expect(read(sim, 0)).toEqual(before);
      expect(read(sim, 1)).not.toEqual(before);
      // The queue is cleared by step(): a second step without input moves nothing.
      const after = read(sim, 1);
      sim.step();
      expect(read(sim, 1)).toEqual(after);
    });

    it("lets the last setInput before a step win, and spawn drop a queued input", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 0, 0, 0, 0);
      sim.bodies.setInput(0, InputBit.left);
      sim.bodies.setInput(0, InputBit.right);
      sim.step();
      expect(sim.bodies.x(0)).toBeGreaterThan(0);
      sim.bodies.setInput(0, InputBit.up);
      sim.bodies.spawn(0, 5, 5, 0, 0);
      sim.step();
      expect(read(sim, 0)).toEqual({ x: 5, y: 5, vx: 0, vy: 0 });
    });

    it("cancels opposite keys", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 0, 0, 0, 0);
      hold(sim, 0, InputBit.up | InputBit.down | InputBit.left | InputBit.right, 10);
      expect(read(sim, 0)).toEqual({ x: 0, y: 0, vx: 0, vy: 0 });
      sim.bodies.spawn(1, 0, 0, 0, 0);
      sim.bodies.spawn(2, 0, 0, 0, 0);
      hold(sim, 1, InputBit.up | InputBit.left | InputBit.right, 10);
      hold(sim, 2, InputBit.up, 10);
      expect(read(sim, 1)).toEqual(read(sim, 2));
    });

    it("ignores bits other than the four directions", () => {
      const sim = makeSim();
      for (let slot = 0; slot < 4; slot++) sim.bodies.spawn(slot, 0, 0, 0, 0);
      hold(sim, 0, InputBit.up | InputBit.right, 20);
      hold(sim, 1, 0xfffffff0 | InputBit.up | InputBit.right, 20);
      hold(sim, 2, (0x70 | InputBit.up | InputBit.right) + 0.75, 20);
      hold(sim, 3, 0x7ffffff0, 20);
      expect(read(sim, 1)).toEqual(read(sim, 0));
      expect(read(sim, 2)).toEqual(read(sim, 0));
      expect(read(sim, 3)).toEqual({ x: 0, y: 0, vx: 0, vy: 0 });
    });

    it("caps speed at MAX_SPEED, reached within 4 steps", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, -60, 0, 0, 0);
      hold(sim, 0, InputBit.right, 4);
      expect(sim.bodies.vx(0)).toBe(MAX_SPEED);
      hold(sim, 0, InputBit.right, 30);
      expect(sim.bodies.vx(0)).toBe(MAX_SPEED);
      expect(sim.bodies.vy(0)).toBe(0);
      sim.bodies.spawn(1, 0, 0, 100, -100);
      expect([sim.bodies.vx(1), sim.bodies.vy(1)]).toEqual([MAX_SPEED, -MAX_SPEED]);
      sim.bodies.setInput(1, 0);
      sim.step();
      expect(speed(sim, 1)).toBeLessThanOrEqual(MAX_SPEED + SPEED_TOLERANCE);
    });

    it("is no faster on a diagonal than straight", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 0, 0, 0, 0);
      sim.bodies.spawn(1, 0, 0, 0, 0);
      for (let i = 0; i < 40; i++) {
        sim.bodies.setInput(0, InputBit.up);
        sim.bodies.setInput(1, InputBit.up | InputBit.right);
        sim.step();
        expect(speed(sim, 1)).toBeLessThanOrEqual(speed(sim, 0) + SPEED_TOLERANCE);
      }
      expect(speed(sim, 1)).toBeGreaterThan(MAX_SPEED - SPEED_TOLERANCE);
      expect(Math.hypot(sim.bodies.x(1), sim.bodies.y(1))).toBeLessThanOrEqual(sim.bodies.y(0) + 0.05);
    });

    it("brings a released entity to rest through friction", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 0, 0, 0, 0);
      hold(sim, 0, InputBit.left | InputBit.down, 20);
      let steps = 0;
      while (sim.bodies.vx(0) !== 0 || sim.bodies.vy(0) !== 0) {
        hold(sim, 0, 0, 1);
        steps++;
        expect(steps, "steps to come to rest").toBeLessThanOrEqual(30);
      }
      const rest = read(sim, 0);
      hold(sim, 0, 0, 10);
      expect(read(sim, 0)).toEqual(rest);
      expect(Object.is(rest.vx, 0) && Object.is(rest.vy, 0)).toBe(true);
    });

    it("clamps to the world and zeroes the velocity into the wall", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, WORLD_HALF_EXTENT - 0.1, -WORLD_HALF_EXTENT + 0.1, 0, 0);
      hold(sim, 0, InputBit.right | InputBit.down, 10);
      expect(read(sim, 0)).toEqual({ x: WORLD_HALF_EXTENT, y: -WORLD_HALF_EXTENT, vx: 0, vy: 0 });
      sim.bodies.spawn(1, 0, WORLD_HALF_EXTENT - 0.01, 0, 0);
      hold(sim, 1, InputBit.up | InputBit.left, 3);
      expect(sim.bodies.y(1)).toBe(WORLD_HALF_EXTENT);
      expect(sim.bodies.vy(1)).toBe(0);
      expect(sim.bodies.vx(1)).toBeLessThan(0);
    });

    it("clamps, snaps and sanitises spawn and setState values", () => {
      const sim = makeSim();
      sim.bodies.spawn(0, 1000, -1000, Number.NaN, Number.NEGATIVE_INFINITY);
      expect(read(sim, 0)).toEqual({ x: WORLD_HALF_EXTENT, y: -WORLD_HALF_EXTENT, vx: 0, vy: -MAX_SPEED });
      sim.bodies.setState(0, 0.5 / 256, -0.5 / 256, 1.49 / 256, -0);
      const state = read(sim, 0);
      expect(state).toEqual({ x: 1 / 256, y: 0, vx: 1 / 256, vy: 0 });
      expect(Object.is(state.y, 0) && Object.is(state.vy, 0)).toBe(true);
    });

    it("keeps every value on the 1/256 wire grid", () => {
      const sim = makeSim();
      runDeterminismScenario(sim, { seed: 7, inputs: 2000, entities: 16, tiles: 800 });
      for (let slot = 0; slot < sim.bodies.capacity; slot++) {
        if (!sim.bodies.isActive(slot)) continue;
        for (const [field, value] of Object.entries(read(sim, slot))) {
          expect(isOnGrid(value), `slot ${slot} ${field}=${value}`).toBe(true);
        }
      }
    });

    it("restores a snapshot exactly: replaying from it (among the same tiles) reproduces the original", () => {
      const server = makeSim();
      runDeterminismScenario(server, { seed: 11, inputs: 600, entities: 8, tiles: 800 });
      const client = makeSim();
      // A client holds the same static world (the build channel carries it).
      const { minTile, maxTile } = DEFAULT_WORLD;
      for (let ty = minTile; ty <= maxTile; ty++) {
        for (let tx = minTile; tx <= maxTile; tx++) client.tiles.set(tx, ty, server.tiles.kind(tx, ty));
      }
      expect(client.tiles.hash()).toBe(server.tiles.hash());
      for (let slot = 0; slot < server.bodies.capacity; slot++) {
        if (!server.bodies.isActive(slot)) continue;
        // What the wire carries: int16 counts of 1/256.
        const units = Object.values(read(server, slot)).map((v) => Math.round(v * WIRE_UNITS_PER_METRE));
        const [x, y, vx, vy] = units.map((u) => u / WIRE_UNITS_PER_METRE) as [number, number, number, number];
        client.bodies.spawn(slot, 0, 0, 0, 0);
        client.bodies.setState(slot, x, y, vx, vy);
      }
      expect(client.stateHash()).toBe(server.stateHash());
      for (let i = 0; i < 60; i++) {
        for (const sim of [server, client]) {
          for (let slot = 0; slot < sim.bodies.capacity; slot++) {
            if (sim.bodies.isActive(slot)) sim.bodies.setInput(slot, (i * 7 + slot) & 0xf);
          }
          sim.step();
        }
        expect(client.stateHash()).toBe(server.stateHash());
      }
    });

    it("hashes only active slots", () => {
      const sim = makeSim();
      expect(sim.stateHash()).toBe(EMPTY_HASH);
      sim.bodies.spawn(3, 1, 2, 0, 0);
      const onlyA = sim.stateHash();
      sim.bodies.spawn(9, -1, -2, 1, 1);
      expect(sim.stateHash()).not.toBe(onlyA);
      sim.bodies.despawn(9);
      expect(sim.bodies.isActive(9)).toBe(false);
      expect(sim.stateHash()).toBe(onlyA);
      sim.bodies.setInput(9, InputBit.up);
      sim.bodies.setState(9, 5, 5, 0, 0);
      sim.step();
      expect(sim.bodies.isActive(9)).toBe(false);
      expect(sim.stateHash()).toBe(onlyA);
      const fresh = makeSim();
      fresh.bodies.spawn(3, 1, 2, 0, 0);
      expect(fresh.stateHash()).toBe(onlyA);
    });

    it("changes the hash for a one-unit change of any field or the slot", () => {
      const base = makeSim();
      base.bodies.spawn(5, 1, 1, 1, 1);
      const hashes = new Set([base.stateHash()]);
      const unit = 1 / WIRE_UNITS_PER_METRE;
      for (const [slot, x, y, vx, vy] of [
        [5, 1 + unit, 1, 1, 1],
        [5, 1, 1 + unit, 1, 1],
        [5, 1, 1, 1 + unit, 1],
        [5, 1, 1, 1, 1 + unit],
        [6, 1, 1, 1, 1],
      ] as const) {
        const sim = makeSim();
        sim.bodies.spawn(slot, x, y, vx, vy);
        hashes.add(sim.stateHash());
      }
      expect(hashes.size).toBe(6);
      for (const hash of hashes) expect(hash >>> 0).toBe(hash);
    });

    it("rejects slots outside 0..capacity-1", () => {
      const sim = makeSim();
      expect(sim.bodies.capacity).toBeGreaterThan(0);
      for (const slot of [-1, sim.bodies.capacity, 1.5, Number.NaN]) {
        expect(() => sim.bodies.spawn(slot, 0, 0, 0, 0)).toThrow(RangeError);
        expect(() => sim.bodies.setInput(slot, 1)).toThrow(RangeError);
        expect(() => sim.bodies.x(slot)).toThrow(RangeError);
      }
      sim.bodies.spawn(sim.bodies.capacity - 1, 1, 1, 0, 0);
      hold(sim, sim.bodies.capacity - 1, InputBit.up, 1);
      expect(sim.bodies.y(sim.bodies.capacity - 1)).toBeGreaterThan(1);
    });
  });
}
