// Tuning constants of the simulation. These MUST equal sim-core/src/constants.ts bit for bit: the wasm exports each
// one (see index.ts) and WasmSim refuses to start if any differs from the TypeScript value.

/** Fixed steps per second. 30 Hz keeps a 64-player room's tick well under 1 ms while feeling responsive. */
export const TICK_RATE: i32 = 30;

/** Seconds per step. Fixed: dt never rides the wire, one input is exactly one step. */
export const DT: f64 = 1.0 / <f64>TICK_RATE;

/**
 * Acceleration while a direction is held (m/s²). ACCEL / FRICTION = 8 m/s is above MAX_SPEED, so the cap is the
 * real top speed and is reached in 4 steps (~0.13 s): movement starts crisply without being instant.
 */
export const ACCEL: f64 = 80.0;

/**
 * Linear drag (1/s), applied every step whether or not a key is held. Each step keeps 2/3 of the velocity, so a
 * player at top speed glides ~0.4 m and is at rest within ~0.6 s of releasing the keys.
 */
export const FRICTION: f64 = 10.0;

/** Top speed (m/s): a brisk run. 6 m/s lies on the 1/256 wire grid, so a capped axis velocity snaps to itself. */
export const MAX_SPEED: f64 = 6.0;

/**
 * The default world (a `room`'s): the square |x|, |y| ≤ 64 m, tiles -64..63. A sim starts with it; a host sets its
 * room's world with setWorldTiles (bounds.ts). World bounds are whole metres, so they lie on the grid and a clamped
 * position never needs re-snapping.
 */
export const WORLD_HALF_EXTENT: f64 = 64.0;

/** Positions and velocities travel as int16 counts of 1/256 m (m/s); the sim keeps its state on that grid. */
export const WIRE_UNITS_PER_METRE: f64 = 256.0;

/** Entity slots. 16384 covers the 16k-entity bench; the SoA state is 16384 × 4 × 8 B = 512 KiB. */
export const CAPACITY: i32 = 16384;

/** 1/√2 as a literal (not Math.sqrt) so that diagonal input has the same speed as straight input in every host. */
export const DIAGONAL: f64 = 0.7071067811865476;

/** Velocity lost to friction per step, as a fraction of the velocity (FRICTION × DT). */
export const FRICTION_PER_STEP: f64 = FRICTION * DT;

/** Velocity gained per step from a held direction (ACCEL × DT). */
export const ACCEL_PER_STEP: f64 = ACCEL * DT;

/** The speed cap squared, compared against before any square root is taken. */
export const MAX_SPEED_SQ: f64 = MAX_SPEED * MAX_SPEED;

/**
 * A velocity component below one wire unit after friction is set to 0. Without it, rounding to the grid would
 * keep ±1/256 m/s alive forever (2/3 of a unit rounds back up to one unit) and entities would never come to rest.
 */
export const REST_SPEED: f64 = 1.0 / WIRE_UNITS_PER_METRE;

/**
 * Half the side of a body's collision box (m). Bodies collide with tiles as axis-aligned squares 0.75 m wide:
 * close to the 0.4 m-radius capsule the page draws, narrow enough to walk through a 1 m doorway without
 * pixel-perfect aim (0.25 m of slack), and 96/256 lies on the wire grid, so a body stopped flush against a tile
 * face (face ± BODY_RADIUS) is exactly on the grid. It must stay below 0.5 m: see collision.ts.
 */
export const BODY_RADIUS: f64 = 0.375;

/**
 * Tiles are 1 m squares; tile (tx, ty) covers [tx, tx+1) × [ty, ty+1) m. The tile storage holds the largest world
 * a room can have, a `plaza` of 512 m (|x|, |y| ≤ 256 m): tiles -256..255 on each axis, 512 × 512 = 262,144 tiles
 * (a kind byte and an i32 of hp each, 1.25 MiB). A room's own world is any square of it (bounds.ts).
 */
export const TILE_MIN: i32 = -256;
export const TILE_MAX: i32 = 255;
export const TILE_SPAN: i32 = TILE_MAX - TILE_MIN + 1;
/** The default world's tiles (WORLD_HALF_EXTENT). */
export const DEFAULT_TILE_MIN: i32 = -64;
export const DEFAULT_TILE_MAX: i32 = 63;

/** Tile kinds (one byte per tile). 0 must stay "empty": a zeroed grid is an empty world. */
export const TILE_EMPTY: i32 = 0;
export const TILE_WALL: i32 = 1;
export const TILE_CRATE: i32 = 2;
export const TILE_FLOOR: i32 = 3;
/** Scenery (a plaza's trees, rocks and landmark stones, sim-core/src/scenery.ts): blocking and indestructible. */
export const TILE_TREE: i32 = 4;
export const TILE_ROCK: i32 = 5;
export const TILE_STONE: i32 = 6;
/** One past the highest kind; setTile rejects kinds at or above it. */
export const TILE_KIND_COUNT: i32 = 7;

/** Bit k set = kind k blocks bodies and projectiles: walls, crates and scenery do, empty and floor do not. */
export const BLOCKING_KINDS: i32 = (1 << TILE_WALL) | (1 << TILE_CRATE) | (1 << TILE_TREE) | (1 << TILE_ROCK) | (1 << TILE_STONE);

/** Bit k set = kind k stops projectiles but takes no damage (scenery: never destroyed, never removed). */
export const INDESTRUCTIBLE_KINDS: i32 = (1 << TILE_TREE) | (1 << TILE_ROCK) | (1 << TILE_STONE);

/** Input bits; any other bit of an input is ignored. */
export const INPUT_UP: i32 = 1;
export const INPUT_DOWN: i32 = 2;
export const INPUT_LEFT: i32 = 4;
export const INPUT_RIGHT: i32 = 8;
/** Fire the body's weapon this step (along the input's aim), if it can: see combat.ts. */
export const INPUT_FIRE: i32 = 16;
/** The direction bits: what movement.ts reads. */
export const MOVE_MASK: i32 = INPUT_UP | INPUT_DOWN | INPUT_LEFT | INPUT_RIGHT;
/** Every bit the sim reads from an input. It must stay below INPUT_QUEUED (0x80): both share one byte. */
export const INPUT_MASK: i32 = MOVE_MASK | INPUT_FIRE;

/**
 * Stamina (a body's fuel for attacks), full at spawn. 100 so that each weapon's staminaCost reads as a percentage
 * of a full bar.
 */
export const MAX_STAMINA: f64 = 100.0;

/**
 * Stamina regained per body step (15 per second at 30 Hz). Below every player weapon's cost per second at its full
 * fire rate (20–30 per second, see weapons.ts), so holding fire drains the bar over 7–20 s and then fire slows to
 * what regeneration pays for, while a fight of a few seconds never runs dry. 0.5 is exact in binary, so stamina
 * stays a multiple of 0.5 and a restored value replays exactly.
 */
export const STAMINA_REGEN_PER_STEP: f64 = 0.5;

/**
 * Lag compensation: how many world steps back a body's projectiles may be tested. Rewind k counts from the step
 * being computed (k = 0: where bodies are in it), which is one past the newest state any client has seen, so 8
 * reaches 7 published ticks back: 233 ms at 30 Hz, within the bound of 250 ms of rewind behind what the
 * shooter could have seen (a 150 ms-RTT shooter drawing others ~100 ms in the past needs about that much). The
 * position history holds MAX_REWIND_STEPS + 1 steps.
 */
export const MAX_REWIND_STEPS: i32 = 8;

/**
 * Projectile slots. A player holding fire keeps about 2 projectiles in the air (flight steps / cooldown steps:
 * dagger 10/6, arrow 25/15, bolt 40/21, axe 14/24), so a full room of 64 keeps ~120, and bites live one step:
 * 4096 is a margin of 30× and costs 4096 × 63 B ≈ 250 KiB.
 */
export const PROJECTILE_CAPACITY: i32 = 4096;

/**
 * Events buffered between two drainEvents() calls. A room drains every tick; a tick of 64 players and 50
 * creatures makes at most a few hundred (a spawn, a hit, a death per shot), so 4096 leaves room for a host that
 * drains rarely. Beyond it, events are counted as dropped instead of stored.
 */
export const EVENT_CAPACITY: i32 = 4096;

/**
 * Hit points of a freshly set tile by kind, when setTile is not given any. A wall takes 200 (10 arrows, 6 axes:
 * breaching one is a deliberate effort); a crate 60 (3 arrows: cover that gives way). Empty and floor tiles are
 * never hit (projectiles fly over them) and have 0.
 */
export const TILE_HP_WALL: i32 = 200;
export const TILE_HP_CRATE: i32 = 60;
