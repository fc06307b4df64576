import { TILE_MAX, TILE_MIN, TileKind } from "./constants.ts";
import { FNV_OFFSET, fnvU32 } from "./fnv.ts";
import type { MovementSim } from "./movement-sim.ts";
import { mulberry32 } from "./prng.ts";

export interface ScenarioOptions {
  /** PRNG seed (u32). */
  seed: number;
  /** Total setInput calls to make (catch-up inputs come on top). */
  inputs: number;
  /** Entities to spawn, spread over the sim's slots. */
  entities: number;
  /** Random tiles to place before the first step (default 0), plus as many again in straight walls. */
  tiles?: number;
}

export interface ScenarioResult {
  /** stateHash() after the last step (bodies and tiles). */
  finalHash: number;
  /** tilesHash() after the last step. */
  tilesHash: number;
  /** FNV-1a over every step's stateHash(): equal only if every intermediate state was equal. */
  rollingHash: number;
  steps: number;
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
/** Per entity and step, the chance of a catch-up: one more input and a step of that body alone (stepBody). */
const CATCH_UP_CHANCE = 0.05;
/** Tile coordinates are drawn a little beyond the world, so some setTile calls are rejected. */
const TILE_DRAW_MARGIN = 4;
/** Straight walls are this many tiles long at most, so bodies slide along them and stop at their ends. */
const MAX_WALL_LENGTH = 24;

/**
 * Drives a sim through a seeded pseudo-random session and hashes every step: run it on two hosts or two
 * implementations with the same options and the results must be equal. Host-independent (no clocks, no IO).
 *
 * Exercises: spawns outside the world and above top speed (clamped), held and changing keys with junk high bits,
 * steps where an entity has no input, replaced inputs, inputs to despawned slots (ignored), snapshot restores with
 * NaN/±Infinity/off-grid values, despawn/respawn, random tiles of every kind and straight walls (collisions,
 * sliding, bodies spawned or restored inside tiles), tiles set and removed between steps, tiles outside the world
 * (rejected), and catch-up steps of single bodies (stepBody).
 */
export function runDeterminismScenario(sim: MovementSim, opts: ScenarioOptions): ScenarioResult {
  const { seed, inputs, entities } = opts;
  if (!Number.isInteger(entities) || entities < 1 || entities > sim.capacity) {
    throw new RangeError(`entities must be an integer in 1..${sim.capacity}`);
  }
  if (!Number.isInteger(inputs) || inputs < 0) throw new RangeError("inputs must be a non-negative integer");

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
  const tileSpan = TILE_MAX - TILE_MIN + 1 + 2 * TILE_DRAW_MARGIN;
  const tileCoordinate = () => TILE_MIN - TILE_DRAW_MARGIN + (nextU32() % tileSpan);
  const KINDS = [TileKind.wall, TileKind.wall, TileKind.crate, TileKind.floor, TileKind.empty] as const;
  const tileKind = () => KINDS[nextU32() % KINDS.length]!;

  const tiles = opts.tiles ?? 0;
  for (let i = 0; i < tiles; i++) sim.setTile(tileCoordinate(), tileCoordinate(), tileKind());
  for (let placed = 0; placed < tiles; ) {
    const [tx, ty, length, horizontal] = [tileCoordinate(), tileCoordinate(), 1 + (nextU32() % MAX_WALL_LENGTH), unit() < 0.5];
    for (let i = 0; i < length; i++) sim.setTile(horizontal ? tx + i : tx, horizontal ? ty : ty + i, TileKind.wall);
    placed += length;
  }

  // Spread the entities over the whole slot range so high slots are exercised too.
  const slots = Array.from({ length: entities }, (_, i) => Math.floor((i * sim.capacity) / entities));
  const held = slots.map(() => randomKeys());
  for (const slot of slots) sim.spawn(slot, range(-80, 80), range(-80, 80), range(-8, 8), range(-8, 8));

  let issued = 0;
  let steps = 0;
  let rollingHash = FNV_OFFSET;
  while (issued < inputs) {
    for (let i = 0; i < entities && issued < inputs; i++) {
      if (unit() < SKIP_CHANCE) continue;
      if (unit() < CHANGE_KEYS_CHANCE) held[i] = randomKeys();
      const slot = slots[i]!;
      sim.setInput(slot, held[i]!);
      issued++;
      if (issued < inputs && unit() < REPLACE_INPUT_CHANCE) {
        sim.setInput(slot, randomKeys());
        issued++;
      }
    }

    const event = unit();
    const target = slots[nextU32() % entities]!;
    if (event < SET_STATE_CHANCE) {
      if (sim.isActive(target)) sim.setState(target, wild(-80, 80), wild(-80, 80), wild(-8, 8), wild(-8, 8));
    } else if (event < SET_STATE_CHANCE + TOGGLE_CHANCE) {
      if (sim.isActive(target)) sim.despawn(target);
      else sim.spawn(target, range(-80, 80), range(-80, 80), 0, 0);
    }

    if (unit() < SET_TILE_CHANCE) sim.setTile(tileCoordinate(), tileCoordinate(), tileKind());

    sim.step();
    for (let i = 0; i < entities; i++) {
      if (unit() >= CATCH_UP_CHANCE) continue;
      const slot = slots[i]!;
      sim.setInput(slot, held[i]!);
      sim.stepBody(slot);
    }
    steps++;
    rollingHash = fnvU32(rollingHash, sim.stateHash());
  }
  return { finalHash: sim.stateHash(), tilesHash: sim.tilesHash(), rollingHash, steps };
}
