// Shared by the combat contract's case files (combat-cases.ts lists them): a body, a shot, a flight.

import {
  InputBit,
  MAX_STAMINA,
  type SimEvent,
  WasmSim,
  Weapon,
} from "../src/index.ts";
import { ok } from "./check.ts";

export interface CombatCase {
  name: string;
  run(makeSim: () => WasmSim): void;
}

export const PLAYER_WEAPONS = [Weapon.axe, Weapon.arrow, Weapon.bolt, Weapon.dagger] as const;

/** The grid snap the sim applies to velocities. */
export const snap = (v: number) => Math.floor(v * 256 + 0.5) / 256;

/** A body armed with `weapon` and `hp` at (x, y), at rest. */
export function body(sim: WasmSim, slot: number, x: number, y: number, weapon: Weapon = Weapon.none, hp = 100): void {
  sim.bodies.spawn(slot, x, y, 0, 0);
  sim.combat.arm(slot, weapon, hp);
}

/** Makes `slot` fire once now along (ax, ay) in a world step (ready and rested first). */
export function fireNow(sim: WasmSim, slot: number, ax: number, ay: number): void {
  sim.combat.setCooldown(slot, 0);
  sim.combat.setStamina(slot, MAX_STAMINA);
  sim.bodies.setInput(slot, InputBit.fire, ax, ay);
  sim.step();
}

/** World steps until no projectile is in flight (at most `limit`); returns every event of the way. */
export function flyOut(sim: WasmSim, limit = 200): SimEvent[] {
  const events = sim.combat.drainEvents();
  for (let i = 0; i < limit && sim.projectiles.end > 0; i++) {
    sim.step();
    events.push(...sim.combat.drainEvents());
  }
  ok(sim.projectiles.end === 0, "every projectile is gone");
  return events;
}

/** Fires once and lets the projectile finish: the events, without the spawn. */
export function shoot(sim: WasmSim, slot: number, ax: number, ay: number): SimEvent[] {
  fireNow(sim, slot, ax, ay);
  return flyOut(sim).filter((e) => e.type !== "spawn");
}

export function types(events: readonly SimEvent[]): string[] {
  return events.map((e) => e.type);
}
