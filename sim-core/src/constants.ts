// Tuning constants of the simulation, for hosts. sim-core/assembly/constants.ts holds the same numbers for the wasm
// build (the only implementation); WasmSim compares them with these at start-up and refuses a .wasm built
// from different ones.

import { WIRE_UNITS_PER_METRE } from "./units.ts";

/** Fixed steps per second. 30 Hz keeps a 64-player room's tick well under 1 ms while feeling responsive. */
export const TICK_RATE = 30;

/** Seconds per step. Fixed: dt never rides the wire, one input is exactly one step. */
export const DT = 1 / TICK_RATE;

/**
 * Acceleration while a direction is held (m/s²). ACCEL / FRICTION = 8 m/s is above MAX_SPEED, so the cap is the
 * real top speed and is reached in 4 steps (~0.13 s): movement starts crisply without being instant.
 */
export const ACCEL = 80;

/**
 * Linear drag (1/s), applied every step whether or not a key is held. Each step keeps 2/3 of the velocity, so a
 * player at top speed glides ~0.4 m and is at rest within ~0.6 s of releasing the keys.
 */
export const FRICTION = 10;

/** Top speed (m/s): a brisk run. 6 m/s lies on the 1/256 wire grid, so a capped axis velocity snaps to itself. */
export const MAX_SPEED = 6;

/**
 * The default world (a `room`'s): the square |x|, |y| ≤ 64 m. A sim starts with it; `sim.setWorld` gives it the
 * room's own (a kind's world). World bounds are whole metres, on the grid, so a clamped position never needs
 * re-snapping.
 */
export const WORLD_HALF_EXTENT = 64;

// Positions and velocities travel as int16 counts of 1/256 m (m/s); the sim keeps its state on that grid. The one
// definition is in ./units.ts, the leaf module protocol imports too (`@edgehold/sim-core/units`).
export { WIRE_UNITS_PER_METRE };

/** Entity slots in the wasm build. 16384 covers the 16k-entity bench; the SoA state is 16384 × 4 × 8 B = 512 KiB. */
export const SIM_CAPACITY = 16384;

/** 1/√2 as a literal (not Math.sqrt) so that diagonal input has the same speed as straight input in every host. */
export const DIAGONAL = 0.7071067811865476;

/** Velocity lost to friction per step, as a fraction of the velocity (FRICTION × DT). */
export const FRICTION_PER_STEP = FRICTION * DT;

/** Velocity gained per step from a held direction (ACCEL × DT). */
export const ACCEL_PER_STEP = ACCEL * DT;

/** The speed cap squared, compared against before any square root is taken. */
export const MAX_SPEED_SQ = MAX_SPEED * MAX_SPEED;

/**
 * A velocity component below one wire unit after friction is set to 0. Without it, rounding to the grid would
 * keep ±1/256 m/s alive forever (2/3 of a unit rounds back up to one unit) and entities would never come to rest.
 */
export const REST_SPEED = 1 / WIRE_UNITS_PER_METRE;

/**
 * Half the side of a body's collision box (m): bodies collide with tiles as axis-aligned 0.75 m squares. Close to
 * the 0.4 m capsule the page draws, 0.25 m of slack in a 1 m doorway, below 0.5 m so two tiles meeting at a corner
 * leave no gap, and 96/256 m lies on the wire grid so a body stopped against a tile face is exactly on the grid.
 */
export const BODY_RADIUS = 0.375;

/**
 * A world's tiles: tile (tx, ty) covers [tx, tx+1) × [ty, ty+1) m; tx and ty run minTile..maxTile (inclusive), and
 * bodies stay in [minTile, maxTile + 1] m on each axis. protocol's WorldRules (the welcome's) has the same shape.
 */
export interface WorldBounds {
  readonly minTile: number;
  readonly maxTile: number;
}

/** The default world's tiles: -64..63 (|x|, |y| ≤ WORLD_HALF_EXTENT), a `room`. */
export const DEFAULT_WORLD: WorldBounds = Object.freeze({ minTile: -WORLD_HALF_EXTENT, maxTile: WORLD_HALF_EXTENT - 1 });

/**
 * The largest world the sim holds: tiles TILE_MIN..TILE_MAX, -256..255, a 512 m `plaza`. Any square of it that holds
 * the origin's tile can be a room's world (`sim.setWorld`).
 */
export const TILE_MIN = -256;
export const TILE_MAX = 255;

/**
 * What a tile holds. `empty` is the default; walls and crates block bodies and projectiles, floors do not. `tree`,
 * `rock` and `stone` (a landmark's masonry) are scenery (scenery.ts): they block and never take damage.
 */
export const TileKind = {
  empty: 0,
  wall: 1,
  crate: 2,
  floor: 3,
  tree: 4,
  rock: 5,
  stone: 6,
} as const;
export type TileKind = (typeof TileKind)[keyof typeof TileKind];

/** One past the highest TileKind value. */
export const TILE_KIND_COUNT = 7;

/** Bit k set = TileKind k blocks bodies and projectiles: walls, crates and scenery do, empty and floor do not. */
export const BLOCKING_KINDS = (1 << TileKind.wall) | (1 << TileKind.crate) | (1 << TileKind.tree) | (1 << TileKind.rock) | (1 << TileKind.stone);

/** Bit k set = TileKind k is scenery: it stops projectiles and takes no damage, and nobody builds on or removes it. */
export const SCENERY_KINDS = (1 << TileKind.tree) | (1 << TileKind.rock) | (1 << TileKind.stone);

/** True for the scenery kinds (tree, rock, stone). */
export function isSceneryKind(kind: TileKind): boolean {
  return ((SCENERY_KINDS >> kind) & 1) !== 0;
}

/** True if tiles of this kind stop bodies and projectiles (which damage them, unless they are scenery). */
export function tileBlocks(kind: TileKind): boolean {
  return ((BLOCKING_KINDS >> kind) & 1) !== 0;
}

/** True if (tx, ty) are integer tile coordinates inside `world` (by default the largest world the sim holds). */
export function isTileInWorld(tx: number, ty: number, world: WorldBounds = { minTile: TILE_MIN, maxTile: TILE_MAX }): boolean {
  return Number.isInteger(tx) && Number.isInteger(ty) && tx >= world.minTile && tx <= world.maxTile && ty >= world.minTile && ty <= world.maxTile;
}

/** True if `world` can be a sim's world: integer bounds inside TILE_MIN..TILE_MAX holding the origin's tile (0, 0). */
export function isValidWorld(world: WorldBounds): boolean {
  const { minTile, maxTile } = world;
  return Number.isInteger(minTile) && Number.isInteger(maxTile) && minTile >= TILE_MIN && maxTile <= TILE_MAX && minTile <= -1 && maxTile >= 0;
}

/** The bits of an input. Any other bit is ignored; opposite directions cancel. */
export const InputBit = {
  /** +y ("forward", up the screen). */
  up: 1,
  down: 2,
  left: 4,
  right: 8,
  /**
   * Fire the body's weapon along the input's aim this step, if it is alive, has a weapon, its cooldown is 0 and it
   * has the weapon's staminaCost (and the aim is a non-zero finite vector); otherwise ignored.
   */
  fire: 16,
} as const;
export type InputBit = (typeof InputBit)[keyof typeof InputBit];

/** All bits the sim reads from an input. */
export const INPUT_MASK = InputBit.up | InputBit.down | InputBit.left | InputBit.right | InputBit.fire;

/** Stamina of a fresh body and the cap of regeneration; each shot costs its weapon's staminaCost. */
export const MAX_STAMINA = 100;

/**
 * Stamina regained per BODY step (15/s at 30 Hz; never per world tick, so the page predicts it exactly). Below every
 * player weapon's cost per second at full fire rate, so holding fire drains the bar over 7–20 s while a fight of a
 * few seconds never runs dry. Stamina stays a multiple of 0.5.
 */
export const STAMINA_REGEN_PER_STEP = 0.5;

/**
 * Lag compensation: at most this many world steps of rewind, counted from the step being computed (one past the
 * newest published tick), so 8 reaches 7 published ticks back: 233 ms at 30 Hz, within 250 ms.
 */
export const MAX_REWIND_STEPS = 8;

/** Projectile slots of the wasm build (at most this many in flight; a shot beyond it is lost). */
export const PROJECTILE_CAPACITY = 4096;

/** Events buffered between two drainEvents() calls; beyond it they are counted as dropped. */
export const EVENT_CAPACITY = 4096;

/**
 * Hit points a tile gets when tiles.set is given none: wall 200 (10 arrows, 6 axes), crate 60 (3 arrows). Empty and
 * floor tiles are never hit, scenery is never damaged: they have 0.
 */
export const DEFAULT_TILE_HP: Readonly<Record<TileKind, number>> = {
  [TileKind.empty]: 0,
  [TileKind.wall]: 200,
  [TileKind.crate]: 60,
  [TileKind.floor]: 0,
  [TileKind.tree]: 0,
  [TileKind.rock]: 0,
  [TileKind.stone]: 0,
};
