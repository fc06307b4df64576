// The combat contract, hits: tiles, tunnelling, bodies, deaths, spawn protection (combat-cases.ts lists every case file).

import {
  BODY_RADIUS,
  DEFAULT_TILE_HP,
  InputBit,
  TileKind,
  WEAPONS,
  Weapon,
} from "../src/index.ts";
import { body, type CombatCase, shoot, snap, types } from "./combat-case-helpers.ts";
import { eq, ok, throws } from "./check.ts";

export const HIT_CASES: readonly CombatCase[] = [
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
];
