import { InputBit, MAX_STAMINA, TileKind, type WorldBounds } from "./constants.ts";
import { EVENT_TYPES, type SimEvent } from "./events.ts";
import { FNV_OFFSET, fnvU32 } from "./fnv.ts";
import type { Sim } from "./sim.ts";
import { mulberry32 } from "./prng.ts";
import { WEAPON_COUNT, type Weapon } from "./weapons.ts";

export interface ScenarioOptions {
  /** PRNG seed (u32). */
  seed: number;
  /** Total setInput calls to make (catch-up inputs come on top). */
  inputs: number;
  /** Entities to spawn, spread over the sim's slots. */
  entities: number;
  /** Random tiles to place before the first step (default 0), plus as many again in straight walls. */
  tiles?: number;
  /**
   * Fighting bodies (default false): armed with random weapons in a small arena, firing at each other with random
   * aims, rewinds, revivals, replayed shots and damaged tiles; every event is hashed. Without it the scenario draws
   * exactly the numbers it drew before combat existed, so its golden hashes still hold.
   */
  combat?: boolean;
  /** The sim's world, set before anything else (default: the world the sim has, the default 128 m square). */
  world?: WorldBounds;
  /**
   * With `combat`: the bodies fight in squads of this many (the last may be smaller), each in its own ±ARENA m square
   * somewhere in the world and aiming at its own members, so that fights happen all over a big world at once.
   * Default: one squad of every body around the origin (and no extra numbers drawn).
   */
  squad?: number;
}

export interface ScenarioResult {
  /** stateHash() after the last step (bodies and tiles). */
  finalHash: number;
  /** tiles.hash() after the last step. */
  tilesHash: number;
  /** FNV-1a over every step's stateHash(): equal only if every intermediate state was equal. */
  rollingHash: number;
  steps: number;
  /** With `combat`: FNV-1a over every drained event (type index, then its numeric fields in order), and their count. */
  eventsHash?: number;
  events?: number;
}

/** Per step, the chance that an entity sends no input (so it must not move). */
const SKIP_CHANCE = 0.35;
/** Per input, the chance that the held keys change; keys otherwise stay held, so entities reach top speed and walls. */
const CHANGE_KEYS_CHANCE = 0.15;
/** When keys change, the chance that none are held (only junk bits), so friction brings entities to rest. */
const RELEASE_CHANCE = 0.3;
/** Per input, the chance of a second setInput before the step (the later one must win). */
const REPLACE_INPUT_CHANCE = 0.02;
/** Per step, the chance of a setState on a random entity (a snapshot restore), including wild values. */
const SET_STATE_CHANCE = 0.03;
/** Per step, the chance of despawning a random entity, or respawning it if it is gone. */
const TOGGLE_CHANCE = 0.02;
/** Per step, the chance of setting one random tile while bodies move (a build or a removal). */
const SET_TILE_CHANCE = 0.1;
/** Per entity and step, the chance of a catch-up: one more input and a step of that body alone (bodies.step). */
const CATCH_UP_CHANCE = 0.05;
/** Tile coordinates are drawn a little beyond the world, so some tiles.set calls are rejected. */
const TILE_DRAW_MARGIN = 4;
/** Straight walls are this many tiles long at most, so bodies slide along them and stop at their ends. */
const MAX_WALL_LENGTH = 24;
/** Combat: bodies spawn within ±ARENA m, so that shots meet bodies and tiles rather than empty ground. */
const ARENA = 12;
/** Combat: per input, the chance that the aim is junk (zero, NaN or infinite), which must make fire do nothing. */
const JUNK_AIM_CHANCE = 0.05;
/** Combat, per step: chances of a rewind change, of a dead body's revival, of a restore of stamina and cooldown. */
const REWIND_CHANCE = 0.1;
const REVIVE_CHANCE = 0.15;
const RESTORE_COMBAT_CHANCE = 0.05;
/** Combat, per catch-up: the chance it is a replay (spawning turned off), as the page's reconcile does. */
const REPLAY_CHANCE = 0.3;
/** Combat, per step: the chance of an extra projectiles.step() (the page's predicted steps). */
const STEP_PROJECTILES_CHANCE = 0.03;

/** Folds an event: its type's index, then its fields in declaration order (booleans as 0/1). */
function foldEvent(hash: number, event: SimEvent): number {
  hash = fnvU32(hash, EVENT_TYPES.indexOf(event.type));
  for (const value of Object.values(event)) {
    if (typeof value === "number") hash = fnvU32(hash, value >>> 0);
    else if (typeof value === "boolean") hash = fnvU32(hash, value ? 1 : 0);
  }
  return hash;
}

/**
 * Drives a sim through a seeded pseudo-random session and hashes every step: run it on two hosts or two
 * implementations with the same options and the results must be equal. Host-independent (no clocks, no IO).
 *
 * Exercises: spawns outside the world and above top speed (clamped), held and changing keys with junk high bits,
 * steps where an entity has no input, replaced inputs, inputs to despawned slots (ignored), snapshot restores with
 * NaN/±Infinity/off-grid values, despawn/respawn, random tiles of every kind and straight walls (collisions,
 * sliding, bodies spawned or restored inside tiles), tiles set and removed between steps, tiles outside the world
 * (rejected), and catch-up steps of single bodies (bodies.step). With `combat`: armed bodies of every weapon firing at
 * each other (and junk aims), hits, splash, deaths and revivals, seeded crits, rewinds, replayed shots, tiles with hp
 * damaged and destroyed, extra projectile steps; every event is folded into `eventsHash`.
 */
export function runDeterminismScenario(sim: Sim, opts: ScenarioOptions): ScenarioResult {
  const { seed, inputs, entities } = opts;
  const combat = opts.combat ?? false;
  if (!Number.isInteger(entities) || entities < 1 || entities > sim.bodies.capacity) {
    throw new RangeError(`entities must be an integer in 1..${sim.bodies.capacity}`);
  }
  if (!Number.isInteger(inputs) || inputs < 0) throw new RangeError("inputs must be a non-negative integer");

  if (opts.world) sim.setWorld(opts.world);
  const { minTile, maxTile } = sim.world;
  /** Spawns and restores reach a little beyond the world (they are clamped): 80 m for the default 128 m world. */
  const reach = (maxTile - minTile + 1) / 2 + 16;

  const nextU32 = mulberry32(seed);
  const unit = () => nextU32() / 2 ** 32;
  const range = (lo: number, hi: number) => lo + unit() * (hi - lo);
  const wild = (lo: number, hi: number) => {
    const pick = unit();
    if (pick < 0.03) return Number.NaN;
    if (pick < 0.06) return unit() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (pick < 0.08) return -0;
    return range(lo, hi);
  };
  const randomKeys = () => (unit() < RELEASE_CHANCE ? nextU32() & ~0xf : nextU32()) | 0;
  const tileSpan = maxTile - minTile + 1 + 2 * TILE_DRAW_MARGIN;
  const tileCoordinate = () => minTile - TILE_DRAW_MARGIN + (nextU32() % tileSpan);
  const KINDS = [TileKind.wall, TileKind.wall, TileKind.crate, TileKind.floor, TileKind.empty] as const;
  const tileKind = () => KINDS[nextU32() % KINDS.length]!;

  const tiles = opts.tiles ?? 0;
  for (let i = 0; i < tiles; i++) sim.tiles.set(tileCoordinate(), tileCoordinate(), tileKind());
  for (let placed = 0; placed < tiles; ) {
    const [tx, ty, length, horizontal] = [tileCoordinate(), tileCoordinate(), 1 + (nextU32() % MAX_WALL_LENGTH), unit() < 0.5];
    for (let i = 0; i < length; i++) sim.tiles.set(horizontal ? tx + i : tx, horizontal ? ty : ty + i, TileKind.wall);
    placed += length;
  }

  // Spread the entities over the whole slot range so high slots are exercised too (fighters: every third slot, as
  // every projectile step scans the slots up to the highest one in use).
  const slots = Array.from({ length: entities }, (_, i) => (combat ? i * 3 : Math.floor((i * sim.bodies.capacity) / entities)));
  const held = slots.map(() => randomKeys());
  const spawnRange = combat ? ARENA : reach;
  // Squads (combat): each body's squad, its first index and the centre of its square.
  const squad = combat && opts.squad !== undefined ? opts.squad : entities;
  const squadCount = Math.ceil(entities / squad);
  const squadCentres = squadCount === 1 ? [[0, 0] as const] : Array.from({ length: squadCount }, () => [range(minTile + ARENA, maxTile - ARENA), range(minTile + ARENA, maxTile - ARENA)] as const);
  const squadOf = (i: number) => Math.floor(i / squad);
  /** Spawns body i in its squad's square, moving at a random velocity or at rest. */
  const spawnAround = (i: number, moving: boolean) => {
    const [cx, cy] = squadCentres[squadOf(i)]!;
    const [x, y] = [cx + range(-spawnRange, spawnRange), cy + range(-spawnRange, spawnRange)];
    sim.bodies.spawn(slots[i]!, x, y, moving ? range(-8, 8) : 0, moving ? range(-8, 8) : 0);
  };
  slots.forEach((_, i) => spawnAround(i, true));
  const arm = (slot: number) => sim.combat.arm(slot, (nextU32() % WEAPON_COUNT) as Weapon, 50 + (nextU32() % 100));
  if (combat) {
    sim.prng.seed(seed);
    for (const slot of slots) arm(slot);
  }
  /** An aim at a random entity (or junk): (dx, dy) from `slot`. */
  const aimFrom = (i: number): [number, number] => {
    if (unit() < JUNK_AIM_CHANCE) return [[0, Number.NaN, Number.POSITIVE_INFINITY][nextU32() % 3]!, 0];
    const first = squadOf(i) * squad;
    const other = slots[first + (nextU32() % Math.min(squad, entities - first))]!;
    const slot = slots[i]!;
    return [sim.bodies.x(other) - sim.bodies.x(slot) + range(-1, 1), sim.bodies.y(other) - sim.bodies.y(slot) + range(-1, 1)];
  };
  const setInput = (i: number, bits: number) => {
    const slot = slots[i]!;
    if (!combat) return sim.bodies.setInput(slot, bits);
    const [aimX, aimY] = aimFrom(i);
    sim.bodies.setInput(slot, bits, aimX, aimY);
  };
  let eventsHash = FNV_OFFSET;
  let eventCount = 0;
  const drain = () => {
    for (const event of sim.combat.drainEvents()) {
      eventsHash = foldEvent(eventsHash, event);
      eventCount++;
    }
  };

  let issued = 0;
  let steps = 0;
  let rollingHash = FNV_OFFSET;
  while (issued < inputs) {
    for (let i = 0; i < entities && issued < inputs; i++) {
      if (unit() < SKIP_CHANCE) continue;
      if (unit() < CHANGE_KEYS_CHANCE) held[i] = randomKeys();
      setInput(i, held[i]!);
      issued++;
      if (issued < inputs && unit() < REPLACE_INPUT_CHANCE) {
        setInput(i, randomKeys());
        issued++;
      }
    }

    const event = unit();
    const targetIndex = nextU32() % entities;
    const target = slots[targetIndex]!;
    if (event < SET_STATE_CHANCE) {
      if (sim.bodies.isActive(target)) sim.bodies.setState(target, wild(-reach, reach), wild(-reach, reach), wild(-8, 8), wild(-8, 8));
    } else if (event < SET_STATE_CHANCE + TOGGLE_CHANCE) {
      if (sim.bodies.isActive(target)) sim.bodies.despawn(target);
      else {
        spawnAround(targetIndex, false);
        if (combat) arm(target);
      }
    }
    if (combat) {
      const fighter = slots[nextU32() % entities]!;
      if (unit() < REWIND_CHANCE) sim.combat.setRewind(fighter, (nextU32() % 10) - 1);
      if (!sim.combat.isAlive(fighter) && unit() < REVIVE_CHANCE) {
        sim.combat.setAlive(fighter, true);
        sim.combat.setHp(fighter, sim.combat.maxHp(fighter));
      }
      if (unit() < RESTORE_COMBAT_CHANCE) {
        sim.combat.setStamina(fighter, range(-10, MAX_STAMINA + 10));
        sim.combat.setCooldown(fighter, (nextU32() % 40) - 5);
      }
    }

    if (unit() < SET_TILE_CHANCE) {
      const [tx, ty, kind] = [tileCoordinate(), tileCoordinate(), tileKind()];
      if (combat) sim.tiles.set(tx, ty, kind, 1 + (nextU32() % 250));
      else sim.tiles.set(tx, ty, kind);
    }

    sim.step();
    for (let i = 0; i < entities; i++) {
      if (unit() >= CATCH_UP_CHANCE) continue;
      const slot = slots[i]!;
      const replay = combat && unit() < REPLAY_CHANCE;
      if (replay) sim.projectiles.setSpawnEnabled(false);
      setInput(i, held[i]! | (combat ? InputBit.fire : 0));
      sim.bodies.step(slot);
      if (replay) sim.projectiles.setSpawnEnabled(true);
    }
    if (combat && unit() < STEP_PROJECTILES_CHANCE) sim.projectiles.step();
    if (combat) drain();
    steps++;
    rollingHash = fnvU32(rollingHash, sim.stateHash());
  }
  const result: ScenarioResult = { finalHash: sim.stateHash(), tilesHash: sim.tiles.hash(), rollingHash, steps };
  return combat ? { ...result, eventsHash, events: eventCount } : result;
}
