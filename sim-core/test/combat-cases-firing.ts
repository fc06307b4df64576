// The combat contract, firing: the weapons table, what fire spends and spawns, cooldown and stamina, setters, range, projectile steps (combat-cases.ts lists every case file).

import {
  BODY_RADIUS,
  DT,
  InputBit,
  MAX_REWIND_STEPS,
  MAX_STAMINA,
  PROJECTILE_CAPACITY,
  STAMINA_REGEN_PER_STEP,
  WEAPONS,
  WasmSim,
  Weapon,
} from "../src/index.ts";
import { body, type CombatCase, fireNow, PLAYER_WEAPONS, shoot, snap, types } from "./combat-case-helpers.ts";
import { eq, ok, throws } from "./check.ts";

export const FIRING_CASES: readonly CombatCase[] = [
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
];
