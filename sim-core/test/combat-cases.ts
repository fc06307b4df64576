// The combat contract of the simulation (sim-core/assembly/combat.ts, projectiles.ts, weapons.ts; the rules are
// stated there), as host-neutral cases: Node (wasm-sim.test.ts via combat-contract.ts), workerd
// (worker/test/sim-determinism.test.ts) and Chromium (sim-core/e2e) run every one of them on the same sim.wasm.
// Nothing here imports vitest or a host API; failures throw (check.ts).

import {
  BODY_RADIUS,
  DEFAULT_TILE_HP,
  DT,
  EVENT_CAPACITY,
  InputBit,
  MAX_REWIND_STEPS,
  MAX_SPEED,
  MAX_STAMINA,
  PROJECTILE_CAPACITY,
  STAMINA_REGEN_PER_STEP,
  type SimEvent,
  TileKind,
  WEAPONS,
  WasmSim,
  Weapon,
  mulberry32,
} from "../src/index.ts";
import { eq, ok, throws } from "./check.ts";

export interface CombatCase {
  name: string;
  run(makeSim: () => WasmSim): void;
}

const PLAYER_WEAPONS = [Weapon.axe, Weapon.arrow, Weapon.bolt, Weapon.dagger] as const;

/** The grid snap the sim applies to velocities. */
const snap = (v: number) => Math.floor(v * 256 + 0.5) / 256;

/** A body armed with `weapon` and `hp` at (x, y), at rest. */
function body(sim: WasmSim, slot: number, x: number, y: number, weapon: Weapon = Weapon.none, hp = 100): void {
  sim.bodies.spawn(slot, x, y, 0, 0);
  sim.combat.arm(slot, weapon, hp);
}

/** Makes `slot` fire once now along (ax, ay) in a world step (ready and rested first). */
function fireNow(sim: WasmSim, slot: number, ax: number, ay: number): void {
  sim.combat.setCooldown(slot, 0);
  sim.combat.setStamina(slot, MAX_STAMINA);
  sim.bodies.setInput(slot, InputBit.fire, ax, ay);
  sim.step();
}

/** World steps until no projectile is in flight (at most `limit`); returns every event of the way. */
function flyOut(sim: WasmSim, limit = 200): SimEvent[] {
  const events = sim.combat.drainEvents();
  for (let i = 0; i < limit && sim.projectiles.end > 0; i++) {
    sim.step();
    events.push(...sim.combat.drainEvents());
  }
  ok(sim.projectiles.end === 0, "every projectile is gone");
  return events;
}

/** Fires once and lets the projectile finish: the events, without the spawn. */
function shoot(sim: WasmSim, slot: number, ax: number, ay: number): SimEvent[] {
  fireNow(sim, slot, ax, ay);
  return flyOut(sim).filter((e) => e.type !== "spawn");
}

function types(events: readonly SimEvent[]): string[] {
  return events.map((e) => e.type);
}

export const COMBAT_CASES: readonly CombatCase[] = [
  {
    name: "the weapons table: every player weapon reaches ≥ 5 m and needs several hits over ≥ 1.5 s to kill 100 hp; bite is short; none cannot fire",
    run(makeSim) {
      const sim = makeSim();
      for (const weapon of PLAYER_WEAPONS) {
        const stats = WEAPONS[weapon]!;
        ok(stats.range >= 5, `weapon ${weapon} range ${stats.range}`);
        const hits = Math.ceil(100 / stats.damage);
        const seconds = (hits - 1) * stats.cooldownSteps * DT;
        ok(hits >= 3 && seconds >= 1.5 && seconds <= 4, `weapon ${weapon}: ${hits} hits in ${seconds} s`);
        ok(stats.staminaCost / (stats.cooldownSteps * DT) > STAMINA_REGEN_PER_STEP * 30, `weapon ${weapon} drains stamina at full rate`);
      }
      ok(WEAPONS[Weapon.bite]!.range > 1 && WEAPONS[Weapon.bite]!.range < 1.5, "bite range");
      sim.bodies.spawn(0, 0, 0, 0, 0);
      eq(sim.combat.weapon(0), Weapon.none, "a fresh body's weapon");
      eq([sim.combat.hp(0), sim.combat.maxHp(0), sim.combat.isAlive(0), sim.combat.stamina(0), sim.combat.cooldown(0)], [0, 0, true, MAX_STAMINA, 0], "a fresh body");
      sim.bodies.setInput(0, InputBit.fire, 1, 0);
      sim.step();
      eq(sim.combat.drainEvents(), [], "none fires nothing");
      throws(() => sim.combat.arm(0, 6 as Weapon, 100), "an unknown weapon");
      throws(() => sim.combat.arm(0, Weapon.axe, 0), "maxHp 0");
      throws(() => sim.combat.arm(0, Weapon.axe, 1.5), "fractional maxHp");
    },
  },
  {
    name: "fire spawns a projectile at the body's new position, velocity = normalised aim × speed on the 1/256 grid, spending cooldown and stamina",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 3, 0, 0, Weapon.arrow);
      sim.bodies.setInput(3, InputBit.fire | InputBit.right, 3, 4);
      sim.step();
      const [vx, vy] = [snap(0.6 * 36), snap(0.8 * 36)];
      ok(sim.bodies.x(3) > 0, "the body moved");
      eq(sim.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 3 }], "events");
      eq(sim.projectiles.end, 1, "projectiles.end");
      eq([sim.projectiles.isActive(0), sim.projectiles.owner(0), sim.projectiles.weapon(0)], [true, 3, Weapon.arrow], "projectile 0");
      eq([sim.projectiles.vx(0), sim.projectiles.vy(0)], [vx, vy], "velocity");
      // Spawned at the body's position after its move, then advanced once in the same world step.
      eq([sim.projectiles.x(0), sim.projectiles.y(0)], [sim.bodies.x(3) + vx * DT, sim.bodies.y(3) + vy * DT], "position");
      eq([sim.combat.cooldown(3), sim.combat.stamina(3)], [WEAPONS[Weapon.arrow]!.cooldownSteps, MAX_STAMINA - 10], "cooldown and stamina");
      // Any length of aim gives the same velocity.
      const other = makeSim();
      body(other, 0, 0, 0, Weapon.arrow);
      other.bodies.setInput(0, InputBit.fire, 0.3, 0.4);
      other.step();
      eq([other.projectiles.vx(0), other.projectiles.vy(0)], [vx, vy], "a short aim");
      eq([sim.projectiles.isActive(1), sim.projectiles.x(1), sim.projectiles.owner(1)], [false, 0, -1], "a free slot");
      throws(() => sim.projectiles.x(PROJECTILE_CAPACITY), "a slot beyond the pool");
    },
  },
  {
    name: "the fire bit is ignored without a weapon, when dead, on cooldown, short of stamina, or with a zero or non-finite aim",
    run(makeSim) {
      const cases: [string, (sim: WasmSim) => void, number, number][] = [
        ["no weapon", (sim) => sim.bodies.spawn(0, 0, 0, 0, 0), 1, 0],
        ["dead", (sim) => sim.combat.setAlive(0, false), 1, 0],
        ["on cooldown", (sim) => sim.combat.setCooldown(0, 5), 1, 0],
        ["short of stamina (after this step's regeneration)", (sim) => sim.combat.setStamina(0, 10 - STAMINA_REGEN_PER_STEP - 0.5), 1, 0],
        ["zero aim", () => undefined, 0, 0],
        ["NaN aim", () => undefined, Number.NaN, 1],
        ["infinite aim", () => undefined, Number.POSITIVE_INFINITY, 0],
      ];
      for (const [what, prepare, ax, ay] of cases) {
        const sim = makeSim();
        body(sim, 0, 0, 0, Weapon.arrow);
        prepare(sim);
        const [cooldown, stamina] = [sim.combat.cooldown(0), sim.combat.stamina(0)];
        sim.bodies.setInput(0, InputBit.fire | InputBit.right, ax, ay);
        sim.step();
        eq(sim.combat.drainEvents(), [], `${what}: events`);
        eq(sim.projectiles.end, 0, `${what}: no projectile`);
        eq(sim.combat.cooldown(0), Math.max(0, cooldown - 1), `${what}: cooldown only counts down`);
        eq(sim.combat.stamina(0), Math.min(MAX_STAMINA, stamina + STAMINA_REGEN_PER_STEP), `${what}: stamina only regenerates`);
        if (what === "dead") eq([sim.bodies.x(0), sim.bodies.vx(0)], [0, 0], "a dead body ignores its movement bits");
        else ok(sim.bodies.x(0) > 0, `${what}: the body still moves`);
      }
      // An aim without the fire bit does nothing either.
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.arrow);
      sim.bodies.setInput(0, InputBit.up, 1, 0);
      sim.step();
      eq([sim.projectiles.end, sim.combat.cooldown(0), sim.combat.stamina(0)], [0, 0, MAX_STAMINA], "no fire bit");
    },
  },
  {
    name: "cooldown and stamina follow the body's own steps exactly: fire every cooldownSteps, regenerate per body step, an empty bar throttles fire",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.dagger);
      body(sim, 1, 30, 30, Weapon.arrow);
      const { cooldownSteps, staminaCost } = WEAPONS[Weapon.dagger]!;
      // The rules, restated: count down and regenerate, then fire if ready and paid for.
      let [cooldown, stamina, fired] = [0, MAX_STAMINA, 0];
      const firedAt: number[] = [];
      for (let step = 0; step < 600; step++) {
        if (cooldown > 0) cooldown--;
        stamina = Math.min(MAX_STAMINA, stamina + STAMINA_REGEN_PER_STEP);
        const fires = cooldown === 0 && stamina >= staminaCost;
        if (fires) {
          stamina -= staminaCost;
          cooldown = cooldownSteps;
          fired++;
          firedAt.push(step);
        }
        // World steps in which this body has no input must not count (another body's input keeps the world going).
        if (step % 3 === 0) {
          sim.bodies.setInput(1, 0);
          sim.step();
        }
        sim.bodies.setInput(0, InputBit.fire, 0, -1);
        if (step % 2 === 0) sim.step();
        else sim.bodies.step(0);
        const spawned = sim.combat.drainEvents().filter((e) => e.type === "spawn").length;
        eq(spawned, fires ? 1 : 0, `step ${step}: fired`);
        eq([sim.combat.cooldown(0), sim.combat.stamina(0)], [cooldown, stamina], `step ${step}: cooldown, stamina`);
      }
      eq(firedAt.slice(0, 4), [0, cooldownSteps, 2 * cooldownSteps, 3 * cooldownSteps], "held fire fires every cooldownSteps");
      const lastSecond = firedAt.filter((s) => s >= 570).length;
      ok(lastSecond < 30 / cooldownSteps, `throttled once drained: ${lastSecond} shots in the last second`);
      ok(fired > 0, "fired");
    },
  },
  {
    name: "setters clamp: hp to 0..maxHp, stamina to 0..MAX_STAMINA, cooldown to ≥ 0, rewind to 0..MAX_REWIND_STEPS; combat.arm refills",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.axe, 120);
      eq([sim.combat.hp(0), sim.combat.maxHp(0), sim.combat.weapon(0)], [120, 120, Weapon.axe], "combat.arm");
      sim.combat.setHp(0, 500);
      eq(sim.combat.hp(0), 120, "hp above max");
      sim.combat.setHp(0, -5);
      eq([sim.combat.hp(0), sim.combat.isAlive(0)], [0, true], "hp below 0; alive is the host's to change");
      sim.combat.setStamina(0, 1000);
      eq(sim.combat.stamina(0), MAX_STAMINA, "stamina above max");
      sim.combat.setStamina(0, Number.NaN);
      eq(sim.combat.stamina(0), 0, "NaN stamina");
      sim.combat.setCooldown(0, -3);
      eq(sim.combat.cooldown(0), 0, "negative cooldown");
      sim.combat.setRewind(0, 99);
      eq(sim.combat.rewind(0), MAX_REWIND_STEPS, "rewind above max");
      sim.combat.setRewind(0, -1);
      eq(sim.combat.rewind(0), 0, "negative rewind");
      throws(() => sim.combat.setHp(0, 0.5), "fractional hp");
      throws(() => sim.combat.setCooldown(0, 1.5), "fractional cooldown");
      sim.combat.setAlive(0, false);
      sim.combat.arm(0, Weapon.dagger, 80);
      eq([sim.combat.hp(0), sim.combat.maxHp(0), sim.combat.isAlive(0), sim.combat.stamina(0), sim.combat.cooldown(0)], [80, 80, true, MAX_STAMINA, 0], "combat.arm refills");
      sim.bodies.despawn(0);
      eq([sim.combat.isAlive(0), sim.combat.weapon(0), sim.combat.hp(0)], [false, Weapon.none, 0], "a free slot");
      sim.combat.arm(0, Weapon.axe, 10);
      eq(sim.combat.hp(0), 0, "combat.arm on a free slot does nothing");
    },
  },
  {
    name: "a projectile flies straight for exactly its weapon's range, then expires (every weapon, straight and diagonal)",
    run(makeSim) {
      for (const weapon of [...PLAYER_WEAPONS, Weapon.bite]) {
        const { range, radius } = WEAPONS[weapon]!;
        const reach = range + BODY_RADIUS + radius;
        for (const [ax, ay] of [[1, 0], [0, -1], [-1, 0], [0, 1]] as const) {
          // A target whose grown box starts just inside the range along the aim is hit; just beyond it, not.
          for (const [offset, hits] of [[-0.03, true], [0.03, false]] as const) {
            const sim = makeSim();
            body(sim, 0, 0, 0, weapon);
            body(sim, 1, ax * (reach + offset), ay * (reach + offset));
            eq(types(shoot(sim, 0, ax, ay)), hits ? ["hit"] : ["expire"], `weapon ${weapon} aim (${ax}, ${ay}) target at ${reach + offset}`);
          }
        }
        // The sim's own arithmetic: aim / |aim| × speed, snapped.
        const vx = snap((1 / Math.sqrt(2)) * WEAPONS[weapon]!.speed);
        const vy = vx;
        // Fired by a body step (which never advances projectiles), the projectile is read before its first step:
        // at its owner's centre with that velocity. This is the only look at a bite, whose one step of flight is
        // the world step that fires it (below it is gone before it can be read).
        const spawned = makeSim();
        body(spawned, 0, 0.5, 0.5, weapon);
        spawned.bodies.setInput(0, InputBit.fire, 1, 1);
        spawned.bodies.step(0);
        eq(spawned.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 0 }], `weapon ${weapon} spawned by a body step`);
        eq(
          [spawned.projectiles.x(0), spawned.projectiles.y(0), spawned.projectiles.vx(0), spawned.projectiles.vy(0), spawned.projectiles.weapon(0)],
          [0.5, 0.5, vx, vy, weapon],
          `weapon ${weapon} at spawn`,
        );
        spawned.projectiles.step();
        if (weapon === Weapon.bite) eq(spawned.combat.drainEvents(), [{ type: "expire", projectile: 0 }], "a bite flies one step");
        else eq([spawned.projectiles.x(0), spawned.projectiles.y(0)], [0.5 + vx * DT, 0.5 + vy * DT], `weapon ${weapon} after one step`);
        // The path: straight, one step's displacement per step.
        const sim = makeSim();
        body(sim, 0, 0.5, 0.5, weapon);
        fireNow(sim, 0, 1, 1);
        eq(sim.projectiles.isActive(0), weapon !== Weapon.bite, `weapon ${weapon} still in flight after the step that fired it`);
        if (sim.projectiles.isActive(0)) eq([sim.projectiles.vx(0), sim.projectiles.vy(0)], [vx, vy], "diagonal velocity");
        let [x, y, steps] = [0.5 + vx * DT, 0.5 + vy * DT, 1];
        while (sim.projectiles.isActive(0)) {
          eq([sim.projectiles.x(0), sim.projectiles.y(0)], [x, y], `weapon ${weapon} step ${steps}`);
          sim.step();
          x += vx * DT;
          y += vy * DT;
          steps++;
        }
        eq(sim.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 0 }, { type: "expire", projectile: 0 }], "expired");
        eq(steps, Math.ceil(range / (Math.sqrt(vx * vx + vy * vy) * DT)), `weapon ${weapon} steps of flight`);
      }
    },
  },
  {
    name: "projectiles.step advances projectiles alone; bodies.step never advances them; a projectile leaving the world expires",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.bolt);
      body(sim, 1, 20, 20);
      sim.bodies.setInput(0, InputBit.fire, 0, 1);
      sim.bodies.step(0);
      eq(sim.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 0 }], "spawned by a body step");
      eq([sim.projectiles.x(0), sim.projectiles.y(0)], [0, 0], "not advanced by bodies.step");
      sim.bodies.setInput(1, InputBit.right);
      sim.projectiles.step();
      eq([sim.projectiles.x(0), sim.projectiles.y(0)], [0, sim.projectiles.vy(0) * DT], "advanced by projectiles.step");
      eq(sim.bodies.x(1), 20, "bodies do not move");
      sim.step();
      ok(sim.bodies.x(1) > 20, "the queued input survived projectiles.step");
      eq(sim.projectiles.y(0), 2 * sim.projectiles.vy(0) * DT, "and step() advances it again");
      // Near the world's edge the flight ends at the edge.
      const edge = makeSim();
      body(edge, 0, 63, 0, Weapon.arrow);
      fireNow(edge, 0, 1, 0);
      edge.step();
      eq(edge.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 0 }, { type: "expire", projectile: 0 }], "left the world");
    },
  },
  {
    name: "a projectile stops at the first blocking tile on its path, which loses the damage and is emptied at ≤ 0 hp; floors are flown over",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0.5, 0.5, Weapon.arrow);
      sim.tiles.set(3, 0, TileKind.floor);
      sim.tiles.set(5, 0, TileKind.wall);
      sim.tiles.set(7, 0, TileKind.crate);
      eq([sim.tiles.hp(5, 0), sim.tiles.hp(7, 0), sim.tiles.hp(3, 0), sim.tiles.hp(9, 0)], [DEFAULT_TILE_HP[TileKind.wall], DEFAULT_TILE_HP[TileKind.crate], 0, 0], "default hp");
      const wallHits = DEFAULT_TILE_HP[TileKind.wall] / 20;
      for (let i = 1; i <= wallHits; i++) {
        const events = shoot(sim, 0, 1, 0);
        const hp = DEFAULT_TILE_HP[TileKind.wall] - 20 * i;
        const hit = { type: "tile_hit", projectile: 0, owner: 0, tx: 5, ty: 0, damage: 20, hp } as const;
        eq(events, hp > 0 ? [hit] : [hit, { type: "tile_destroyed", tx: 5, ty: 0, owner: 0 }], `arrow ${i}`);
      }
      eq([sim.tiles.kind(5, 0), sim.tiles.hp(5, 0), sim.tiles.blockingCount], [TileKind.empty, 0, 1], "the wall is gone");
      eq(shoot(sim, 0, 1, 0)[0], { type: "tile_hit", projectile: 0, owner: 0, tx: 7, ty: 0, damage: 20, hp: 40 }, "the crate behind it");
      sim.tiles.set(7, 0, TileKind.crate, 15);
      eq(sim.tiles.hp(7, 0), 15, "a given hp");
      eq(types(shoot(sim, 0, 1, 0)), ["tile_hit", "tile_destroyed"], "15 hp: one arrow");
      eq(types(shoot(sim, 0, 1, 0)), ["expire"], "then nothing stops it");
      eq(sim.tiles.kind(3, 0), TileKind.floor, "the floor was never hit");
      throws(() => sim.tiles.set(1, 1, TileKind.wall, 0), "hp 0");
      throws(() => sim.tiles.set(1, 1, TileKind.wall, 2.5), "fractional hp");
      sim.tiles.set(1, 1, TileKind.floor, 50);
      eq(sim.tiles.hp(1, 1), 0, "a floor has no hp");
    },
  },
  {
    name: "nothing tunnels: fast projectiles at any angle stop at a one-tile-thick wall, at the tile their path enters first",
    run(makeSim) {
      const sim = makeSim();
      for (let ty = -20; ty <= 20; ty++) sim.tiles.set(5, ty, TileKind.wall, 10_000);
      body(sim, 0, 0.5, 0.5, Weapon.arrow);
      for (let i = 0; i <= 60; i++) {
        const angle = ((i - 30) / 30) * (Math.PI / 3);
        const [ax, ay] = [Math.cos(angle), Math.sin(angle)];
        const events = shoot(sim, 0, ax, ay);
        const [vx, vy] = [snap(ax * 36), snap(ay * 36)];
        // Where the path meets the wall's face x = 5.
        const ty = Math.floor(0.5 + ((5 - 0.5) * vy) / vx);
        eq(events.map((e) => (e.type === "tile_hit" ? [e.tx, e.ty] : e.type)), [[5, ty]], `angle ${angle}`);
      }
      // Through a diagonal gap between two tiles that meet at a corner, a point projectile is stopped too.
      const corner = makeSim();
      corner.tiles.set(2, 3, TileKind.wall);
      corner.tiles.set(3, 2, TileKind.wall);
      body(corner, 0, 0.5, 0.5, Weapon.arrow);
      eq(types(shoot(corner, 0, 1, 1)), ["tile_hit"], "the corner");
    },
  },
  {
    name: "a projectile hits another alive body whose box grown by its radius the path enters; never its owner or a dead body; the first along the path wins",
    run(makeSim) {
      const half = BODY_RADIUS + WEAPONS[Weapon.arrow]!.radius;
      for (const [offset, hits] of [[Math.floor(half * 256 - 1) / 256, true], [Math.ceil(half * 256 + 1) / 256, false]] as const) {
        const sim = makeSim();
        body(sim, 0, 0, 0, Weapon.arrow);
        body(sim, 1, 10, offset);
        eq(types(shoot(sim, 0, 1, 0)), hits ? ["hit"] : ["expire"], `target ${offset} off the path`);
      }
      // Owner: the path starts inside its own box; a body standing on the owner is hit at once.
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.arrow);
      body(sim, 1, 0.25, 0);
      const [hit] = shoot(sim, 0, 1, 0);
      eq(hit?.type === "hit" && [hit.owner, hit.target], [0, 1], "the body on the owner");
      eq(sim.combat.hp(0), 100, "never the owner");
      // The nearer of two bodies, whatever their slots; a dead one is flown through.
      const line = makeSim();
      body(line, 0, 0, 0, Weapon.arrow);
      body(line, 1, 10.5, 0);
      body(line, 2, 10, 0);
      body(line, 3, 5, 0);
      line.combat.setAlive(3, false);
      const [first] = shoot(line, 0, 1, 0);
      eq(first?.type === "hit" && first.target, 2, "the nearer body");
      eq(line.combat.hp(3), 100, "the dead body was not hit");
      // A tile in front of a body shields it; a body in front of a tile is hit.
      const cover = makeSim();
      body(cover, 0, 0.5, 0.5, Weapon.arrow);
      body(cover, 1, 8.5, 0.5);
      cover.tiles.set(5, 0, TileKind.wall);
      eq(types(shoot(cover, 0, 1, 0)), ["tile_hit"], "the wall takes it");
      body(cover, 2, 3.5, 0.5);
      eq(types(shoot(cover, 0, 1, 0)), ["hit"], "the body before the wall");
      eq(cover.tiles.hp(5, 0), DEFAULT_TILE_HP[TileKind.wall] - 20, "the wall untouched the second time");
    },
  },
  {
    name: "hits take hp; at 0 the body dies (a death event naming the killer), ignores its inputs and is flown through until revived",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.arrow);
      body(sim, 1, 6, 0, Weapon.dagger);
      body(sim, 2, 9, 0);
      let hp = 100;
      let shots = 0;
      while (sim.combat.isAlive(1)) {
        const events = shoot(sim, 0, 1, 0);
        shots++;
        const [hit, death] = events;
        if (hit?.type !== "hit") throw new Error(`shot ${shots}: ${JSON.stringify(events)}`);
        eq(hit.damage, hit.crit ? 30 : 20, "damage");
        hp = Math.max(0, hp - hit.damage);
        eq([hit.target, hit.hp, sim.combat.hp(1)], [1, hp, hp], `shot ${shots}`);
        eq(death, hp === 0 ? { type: "death", target: 1, killer: 0 } : undefined, `shot ${shots}: death`);
      }
      ok(shots >= 4 && shots <= 5, `${shots} arrows killed`);
      // Dead: no movement, no fire, not hit (the arrow flies on to the body behind).
      sim.bodies.setInput(1, InputBit.up | InputBit.fire, -1, 0);
      sim.step();
      eq([sim.bodies.y(1), sim.bodies.vy(1), sim.projectiles.end, sim.combat.drainEvents()], [0, 0, 0, []], "dead body's input");
      const [behind] = shoot(sim, 0, 1, 0);
      eq(behind?.type === "hit" && behind.target, 2, "flown through");
      // Revived by the host.
      sim.combat.setAlive(1, true);
      sim.combat.setHp(1, 100);
      eq(shoot(sim, 0, 1, 0)[0]?.type === "hit", true, "hit again");
      sim.bodies.setInput(1, InputBit.up);
      sim.step();
      ok(sim.bodies.y(1) > 0, "moves again");
    },
  },
  {
    name: "spawn protection: projectiles fly through a protected body and splash spares it (no hit); cleared, it is hit again; spawn clears it; it shows in stateHash",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.arrow);
      body(sim, 1, 5, 0);
      body(sim, 2, 9, 0);
      eq(sim.combat.isSpawnProtected(1), false, "a fresh body is not protected");
      const plain = sim.stateHash();
      sim.combat.setSpawnProtected(1, true);
      ok(sim.combat.isSpawnProtected(1) && sim.stateHash() !== plain, "protected, and hashed");
      const [through] = shoot(sim, 0, 1, 0);
      eq([through?.type === "hit" && through.target, sim.combat.hp(1)], [2, 100], "flown through to the body behind");
      sim.combat.setSpawnProtected(1, false);
      eq(sim.stateHash() === plain || sim.combat.hp(2) !== 100, true, "cleared: hashed as before (but for the hit behind)");
      const [hit] = shoot(sim, 0, 1, 0);
      eq(hit?.type === "hit" && hit.target, 1, "hit again once cleared");
      sim.combat.setSpawnProtected(1, true);
      sim.bodies.spawn(1, 5, 0, 0, 0);
      eq(sim.combat.isSpawnProtected(1), false, "spawn clears it");
      // Splash spares a protected body beside the one hit.
      const { splashRadius } = WEAPONS[Weapon.bolt]!;
      const splash = makeSim();
      body(splash, 0, 0, 0, Weapon.bolt);
      body(splash, 1, 6, 0);
      body(splash, 2, 6, snap(BODY_RADIUS * 2 + splashRadius / 4));
      splash.combat.setSpawnProtected(2, true);
      eq(shoot(splash, 0, 1, 0).map((e) => (e.type === "hit" ? e.target : e.type)), [1], "only the direct hit");
      eq(splash.combat.hp(2), 100, "the protected neighbour untouched");
      // Setters on an inactive slot do nothing.
      splash.combat.setSpawnProtected(9, true);
      eq(splash.combat.isSpawnProtected(9), false, "inactive slot");
    },
  },
  {
    name: "lag compensation: with setRewind(k) a shot tests the other bodies where they were k world steps ago (k clamped to MAX_REWIND_STEPS = 8); spawn and setState reset the history",
    run(makeSim) {
      // A wolf at the origin bites along +x (one step of flight) while a target runs up past it at full speed.
      const reach = BODY_RADIUS + WEAPONS[Weapon.bite]!.radius;
      const run = (rewind: number, resetAt?: "setState" | "spawn") => {
        const sim = makeSim();
        body(sim, 0, 0, 0, Weapon.bite);
        body(sim, 1, 1, -4);
        const ys: number[] = [];
        while (sim.bodies.y(1) < reach + 0.4) {
          sim.bodies.setInput(1, InputBit.up);
          sim.step();
          ys.push(sim.bodies.y(1));
        }
        if (resetAt === "setState") sim.bodies.setState(1, sim.bodies.x(1), sim.bodies.y(1), sim.bodies.vx(1), sim.bodies.vy(1));
        if (resetAt === "spawn") {
          const [x, y] = [sim.bodies.x(1), sim.bodies.y(1)];
          sim.bodies.spawn(1, x, y, 0, 0);
        }
        sim.combat.setRewind(0, rewind);
        // The bite's only step is the world step it is fired in; the target is still running.
        sim.bodies.setInput(1, InputBit.up);
        fireNow(sim, 0, 1, 0);
        ys.push(sim.bodies.y(1));
        const hit = sim.combat.drainEvents().some((e) => e.type === "hit");
        return { hit, ys };
      };
      const hits: boolean[] = [];
      for (let k = 0; k <= MAX_REWIND_STEPS; k++) {
        const { hit, ys } = run(k);
        const testedY = ys[ys.length - 1 - k]!;
        eq(hit, Math.abs(testedY) < reach, `rewind ${k}: target tested at y ${testedY}`);
        hits.push(hit);
      }
      eq([hits[0], hits[MAX_REWIND_STEPS]], [false, true], "no rewind misses, full rewind hits");
      eq(run(MAX_REWIND_STEPS + 5).hit, true, "rewind beyond the maximum is clamped");
      eq(run(MAX_REWIND_STEPS, "setState").hit, false, "setState resets the history");
      eq(run(MAX_REWIND_STEPS, "spawn").hit, false, "spawn resets the history");
    },
  },
  {
    name: "lag compensation: a catching-up body's extra step (bodies.step) is in the history, so rewind 1 tests it where the last state showed it",
    run(makeSim) {
      // The wolf at the origin bites along +x; the target runs up towards the bite's line at full speed (0.2 m a
      // step) and is stopped by world steps just short of its reach, then catches up one step into it.
      const reach = BODY_RADIUS + WEAPONS[Weapon.bite]!.radius;
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.bite);
      body(sim, 1, 1, -4);
      const stepSize = MAX_SPEED * DT;
      while (sim.bodies.y(1) + stepSize <= -reach) {
        sim.bodies.setInput(1, InputBit.up);
        sim.step();
      }
      const beforeCatchUp = sim.bodies.y(1);
      sim.bodies.setInput(1, InputBit.up);
      sim.bodies.step(1);
      const shown = sim.bodies.y(1);
      ok(beforeCatchUp <= -reach && shown > -reach, `out of reach at ${beforeCatchUp}, in reach after catching up at ${shown}`);
      // The next world step: the wolf bites, judged one step back — where the last state showed the target, after
      // its catch-up step (a history row taken before the catch-up would have it out of reach: a miss).
      sim.combat.setRewind(0, 1);
      sim.bodies.setInput(1, InputBit.up);
      fireNow(sim, 0, 1, 0);
      const hits = sim.combat.drainEvents().filter((e) => e.type === "hit");
      eq(hits.length, 1, "the bite hits the target where it was shown");
    },
  },
  {
    name: "splash: a bolt's impact also deals splashDamage to other alive bodies within splashRadius (boxes), never to its owner",
    run(makeSim) {
      const { splashRadius, splashDamage } = WEAPONS[Weapon.bolt]!;
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.bolt);
      body(sim, 1, 6, 0);
      // The impact is on the face of slot 1's grown box, x = 6 - 0.375 - 0.2.
      const impact = 6 - BODY_RADIUS - WEAPONS[Weapon.bolt]!.radius;
      const inside = BODY_RADIUS + Math.sqrt(splashRadius ** 2 - (6 - impact - BODY_RADIUS) ** 2) - 0.02;
      body(sim, 2, 6, snap(inside));
      body(sim, 3, 6, -snap(inside + 0.06));
      const events = shoot(sim, 0, 1, 0);
      const direct = events[0]?.type === "hit" && events[0].crit ? 33 : 22;
      eq(events.map((e) => (e.type === "hit" ? [e.target, e.damage] : e.type)), [[1, direct], [2, splashDamage]], "direct and splash");
      eq(sim.combat.hp(3), 100, "beyond the splash");
      // At a wall next to the owner: the owner is spared, a body beside it is not.
      const wall = makeSim();
      wall.tiles.set(1, 0, TileKind.wall);
      body(wall, 0, 0, 0.5, Weapon.bolt);
      body(wall, 1, 0, 1.6);
      const [tileHit, splash] = shoot(wall, 0, 1, 0);
      eq([tileHit?.type, splash], ["tile_hit", { type: "hit", projectile: 0, owner: 0, target: 1, damage: splashDamage, crit: false, hp: 100 - splashDamage }], "splash at a wall");
      eq(wall.combat.hp(0), 100, "never the owner");
    },
  },
  {
    name: "splash under lag compensation: with setRewind(k) the splash, like the direct hit, reaches the bodies where they were k world steps ago",
    run(makeSim) {
      const { radius, splashRadius, splashDamage } = WEAPONS[Weapon.bolt]!;
      // A mage at the origin bolts along +x at a target standing at (0.9, 0): the bolt's first step (0.4 m) enters
      // the target's grown box at x = 0.9 - BODY_RADIUS - radius, in the world step that fires it. Two bodies run
      // up past the impact at x = 0.9: one out of the splash (leaving it), one into it (arriving).
      const impactX = 0.9 - BODY_RADIUS - radius;
      const splashed = (by: number) => {
        const dx = Math.max(0, Math.abs(impactX - 0.9) - BODY_RADIUS);
        const dy = Math.max(0, Math.abs(by) - BODY_RADIUS);
        return dx * dx + dy * dy <= splashRadius * splashRadius;
      };
      const run = (rewind: number) => {
        const sim = makeSim();
        body(sim, 0, 0, 0, Weapon.bolt);
        body(sim, 1, 0.9, 0);
        body(sim, 2, 0.9, 0.9);
        body(sim, 3, 0.9, -2.8);
        const ys: [number, number][] = [[sim.bodies.y(2), sim.bodies.y(3)]];
        while (sim.bodies.y(2) < 2.3) {
          sim.bodies.setInput(2, InputBit.up);
          sim.bodies.setInput(3, InputBit.up);
          sim.step();
          ys.push([sim.bodies.y(2), sim.bodies.y(3)]);
        }
        sim.combat.setRewind(0, rewind);
        sim.bodies.setInput(2, InputBit.up);
        sim.bodies.setInput(3, InputBit.up);
        fireNow(sim, 0, 1, 0);
        ys.push([sim.bodies.y(2), sim.bodies.y(3)]);
        const events = sim.combat.drainEvents().filter((e) => e.type !== "spawn");
        return { events, tested: ys[Math.max(0, ys.length - 1 - rewind)]!, hp: [sim.combat.hp(2), sim.combat.hp(3)] };
      };
      const outcomes: boolean[][] = [];
      for (let k = 0; k <= MAX_REWIND_STEPS; k++) {
        const { events, tested, hp } = run(k);
        const expected = tested.map(splashed);
        const [direct, ...splash] = events;
        if (direct?.type !== "hit") throw new Error(`rewind ${k}: no direct hit: ${JSON.stringify(events)}`);
        eq([direct.target, direct.damage], [1, direct.crit ? 33 : 22], `rewind ${k}: the direct hit`);
        eq(
          splash.map((e) => (e.type === "hit" ? [e.target, e.damage, e.crit] : e.type)),
          [2, 3].filter((_, i) => expected[i]).map((target) => [target, splashDamage, false]),
          `rewind ${k}: splash on the runners tested at y ${tested.join(", ")}`,
        );
        eq(hp, expected.map((hit) => (hit ? 100 - splashDamage : 100)), `rewind ${k}: hp`);
        outcomes.push(expected);
      }
      eq([outcomes[0], outcomes[MAX_REWIND_STEPS]], [[false, true], [true, false]], "now: only the arriving runner; rewound: only the leaving one");
    },
  },
  {
    name: "crits come from the seeded PRNG (mulberry32): a hit is a crit when the next draw is below critChance, ×1.5 rounded down; tiles draw nothing",
    run(makeSim) {
      const play = (seed: number) => {
        const sim = makeSim();
        sim.prng.seed(seed);
        body(sim, 0, 0.5, 0.5, Weapon.arrow);
        body(sim, 1, 5.5, 0.5, Weapon.none, 100_000);
        sim.tiles.set(0, 5, TileKind.wall, 100_000);
        const crits: boolean[] = [];
        for (let i = 0; i < 60; i++) {
          const [hit] = shoot(sim, 0, 1, 0);
          if (hit?.type !== "hit") throw new Error("missed");
          eq(hit.damage, hit.crit ? 30 : 20, "crit damage");
          crits.push(hit.crit);
          if (i % 3 === 0) eq(shoot(sim, 0, 0, 1)[0]?.type, "tile_hit", "a tile hit in between");
        }
        return { crits, hash: sim.stateHash() };
      };
      const seed = 0xc0ffee;
      const draw = mulberry32(seed);
      const expected = Array.from({ length: 60 }, () => draw() / 2 ** 32 < WEAPONS[Weapon.arrow]!.critChance);
      const first = play(seed);
      eq(first.crits, expected, "crits");
      ok(expected.filter(Boolean).length >= 3, "some crits");
      eq(play(seed), first, "the same seed replays the same fight");
      const other = play(seed + 1);
      ok(other.hash !== first.hash, "another seed, another fight");
    },
  },
  {
    name: "projectiles.setSpawnEnabled(false): fire spends cooldown and stamina but spawns nothing; despawn expires a body's projectiles",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.axe);
      sim.projectiles.setSpawnEnabled(false);
      sim.bodies.setInput(0, InputBit.fire, 1, 0);
      sim.step();
      eq([sim.projectiles.end, sim.combat.drainEvents(), sim.combat.cooldown(0), sim.combat.stamina(0)], [0, [], 24, 80], "a replayed shot");
      sim.projectiles.setSpawnEnabled(true);
      fireNow(sim, 0, 1, 0);
      eq(sim.projectiles.end, 1, "spawning again");
      sim.combat.drainEvents();
      sim.bodies.despawn(0);
      eq([sim.projectiles.end, sim.combat.drainEvents()], [0, [{ type: "expire", projectile: 0 }]], "despawned owner");
    },
  },
  {
    name: "stateHash covers combat state, projectiles and the PRNG; tiles.hash covers tile hp; a world without combat hashes as before",
    run(makeSim) {
      const base = () => {
        const sim = makeSim();
        body(sim, 0, 0, 0, Weapon.arrow);
        body(sim, 1, 20, 0);
        sim.tiles.set(5, 5, TileKind.wall);
        return sim;
      };
      const reference = base();
      const hashes = new Set([reference.stateHash()]);
      const variants: ((sim: WasmSim) => void)[] = [
        (sim) => sim.combat.setHp(0, 99),
        (sim) => sim.combat.setStamina(0, 99.5),
        (sim) => sim.combat.setCooldown(0, 1),
        (sim) => sim.combat.setAlive(0, false),
        (sim) => sim.combat.setRewind(0, 2),
        (sim) => sim.combat.arm(0, Weapon.dagger, 100),
        (sim) => sim.prng.seed(7),
        (sim) => sim.tiles.set(5, 5, TileKind.wall, 199),
        (sim) => {
          sim.bodies.setInput(0, InputBit.fire, 0, 1);
          sim.bodies.step(0);
        },
      ];
      for (const variant of variants) {
        const sim = base();
        variant(sim);
        hashes.add(sim.stateHash());
      }
      eq(hashes.size, variants.length + 1, "every variant hashes differently");
      const damaged = base();
      damaged.tiles.set(5, 5, TileKind.wall, 150);
      ok(damaged.tiles.hash() !== reference.tiles.hash(), "tile hp in tiles.hash");
      damaged.tiles.set(5, 5, TileKind.wall, DEFAULT_TILE_HP[TileKind.wall]);
      eq(damaged.tiles.hash(), reference.tiles.hash(), "default hp hashes as an undamaged tile");
      // A body that never fought hashes like the bodies of the movement-only sim (slot, x, y, vx, vy).
      const plain = makeSim();
      plain.bodies.spawn(0, 1, 2, 0, 0);
      const fought = makeSim();
      fought.bodies.spawn(0, 1, 2, 0, 0);
      fought.combat.arm(0, Weapon.axe, 100);
      ok(plain.stateHash() !== fought.stateHash(), "armed differs");
      fought.bodies.spawn(0, 1, 2, 0, 0);
      eq(fought.stateHash(), plain.stateHash(), "respawned: a fresh body again");
    },
  },
  {
    name: "bounded buffers: events beyond EVENT_CAPACITY are counted as dropped; shots beyond PROJECTILE_CAPACITY are lost, never a crash",
    run(makeSim) {
      const sim = makeSim();
      body(sim, 0, 0, 0, Weapon.arrow);
      for (let i = 0; i < PROJECTILE_CAPACITY + 3; i++) {
        sim.combat.setCooldown(0, 0);
        sim.combat.setStamina(0, MAX_STAMINA);
        sim.bodies.setInput(0, InputBit.fire, 1, (i % 7) - 3);
        sim.bodies.step(0);
      }
      eq([sim.projectiles.end, sim.projectiles.lostShots, sim.combat.droppedEvents], [PROJECTILE_CAPACITY, 3, 0], "pool full, 3 shots lost");
      // The buffer is full of spawn events (EVENT_CAPACITY = PROJECTILE_CAPACITY): every expire is dropped.
      for (let i = 0; i < 40 && sim.projectiles.end > 0; i++) sim.step();
      eq(sim.projectiles.end, 0, "all expired");
      const events = sim.combat.drainEvents();
      eq([events.length, events.every((e) => e.type === "spawn")], [EVENT_CAPACITY, true], "the spawn events kept");
      eq(sim.combat.droppedEvents, PROJECTILE_CAPACITY, "the expire events counted as dropped");
      fireNow(sim, 0, 1, 0);
      eq(sim.combat.drainEvents(), [{ type: "spawn", projectile: 0, owner: 0 }], "working after the overflow");
    },
  },
];
