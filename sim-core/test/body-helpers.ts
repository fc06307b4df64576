import type { Sim } from "../src/index.ts";

/** A body's kinematic state, as the movement and collision contracts compare it. */
export interface BodyState {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export function read(sim: Sim, slot: number): BodyState {
  return { x: sim.bodies.x(slot), y: sim.bodies.y(slot), vx: sim.bodies.vx(slot), vy: sim.bodies.vy(slot) };
}

/** Holds `bits` for `steps` world steps. */
export function hold(sim: Sim, slot: number, bits: number, steps: number): void {
  for (let i = 0; i < steps; i++) {
    sim.bodies.setInput(slot, bits);
    sim.step();
  }
}
