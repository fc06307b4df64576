// The combat contract, lag compensation, splash, seeded crits, replays, the state hash and the bounded buffers (combat-cases.ts lists every case file).

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
  TileKind,
  WEAPONS,
  WasmSim,
  Weapon,
  mulberry32,
} from "../src/index.ts";
import { body, type CombatCase, fireNow, shoot, snap } from "./combat-case-helpers.ts";
import { eq, ok } from "./check.ts";

export const RULE_CASES: readonly CombatCase[] = [
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
