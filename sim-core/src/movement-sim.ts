import type { TileKind } from "./constants.ts";
import type { SimEvent } from "./events.ts";
import type { Weapon } from "./weapons.ts";

/**
 * The one interface every host (the room, the page's predictor, tests, benches) uses to drive the simulation.
 * One implementation stands behind it: `WasmMovementSim`, the AssemblyScript build (sim.wasm). Its determinism is
 * proven by golden hashes every host reproduces (sim-core/test/golden.ts), not by a second implementation.
 *
 * The world holds bodies, tiles with hit points, and projectiles (advanced by `step()` after the bodies, or by
 * `stepProjectiles()` alone; never by `stepBody()`). Combat (sim-core/assembly/combat.ts, projectiles.ts,
 * weapons.ts): a body fires its weapon with the `fire` input bit along the input's aim; its cooldown and stamina
 * count per body step; projectiles fly straight for their weapon's range and hit the first blocking tile or other
 * alive body along their path; a body at 0 hp is dead. What happened is read with `drainEvents()`.
 *
 * Bodies live in fixed slots `0 .. capacity-1`. A body advances only in a step where it was given an input
 * (`setInput`): one input is exactly one fixed step for that body, so a client that predicts one step per input it
 * sends replays the server's state exactly. `dt` never crosses this interface. Bodies are axis-aligned squares of
 * half-side BODY_RADIUS that stop at blocking tiles and slide along them (see sim-core/assembly/collision.ts);
 * bodies do not collide with each other.
 *
 * Tiles are 1 m squares: tile (tx, ty) covers [tx, tx+1) × [ty, ty+1) m, TILE_MIN ≤ tx, ty ≤ TILE_MAX.
 *
 * Every stored position and velocity lies on the 1/256 wire grid, so a state read from here and sent as int16
 * units is restored exactly by `setState`. Every method taking a slot throws a RangeError for a slot that is not
 * an integer in `0 .. capacity-1`.
 */
export interface MovementSim {
  /** Number of body slots. */
  readonly capacity: number;
  /**
   * Places a body in a slot (activating it, replacing any body there, dropping any queued input). Positions are
   * clamped to the world, velocity components to ±MAX_SPEED, NaN becomes 0; all are snapped to the grid. A body
   * may be placed inside a blocking tile: it is not pushed out, but walks out (tiles it overlaps never block it).
   * Its combat state is a fresh body's (`Weapon.none`, 0 hp of 0, alive, full stamina, cooldown 0, rewind 0: call
   * `setCombat` to arm it) and its position history is reset to the new place.
   */
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Frees a slot: it drops out of `stateHash()`, its queued input is dropped and its state reads as 0; the
   * projectiles it fired expire (with `expire` events).
   */
  despawn(slot: number): void;
  isActive(slot: number): boolean;
  /**
   * Overwrites an active body's state (used to restore an authoritative snapshot), sanitised like `spawn`; a
   * queued input and the combat state stay; its position history is reset to the new place (a teleported body is
   * not hittable at the old one). No effect on an inactive slot.
   */
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Queues the input bits (see `InputBit`; other bits are ignored) this body uses in its next step, and the aim of
   * its `fire` bit: any non-zero finite vector (the sim normalises it and puts the projectile's velocity on the
   * 1/256 grid; ignored without `fire`, and a zero or non-finite aim makes `fire` do nothing). A later call before
   * that step replaces it. No effect on an inactive slot.
   */
  setInput(slot: number, bits: number, aimX?: number, aimY?: number): void;
  /**
   * The world step: first records every body's position in the lag-compensation history (where the last state
   * showed it, a catching-up body's `stepBody` included), then advances every body that has a queued input by one
   * fixed step (a dead body's input counts as 0; the cooldown counts down, stamina regenerates, then it moves, then
   * it fires if it can), clears the queued inputs, and advances every projectile by one step.
   */
  step(): void;
  /**
   * One body's own step (a catching-up body's extra one): if this body has a queued input, advances it alone by one
   * fixed step and clears its input; no other body and nothing autonomous moves. No effect without a queued input.
   */
  stepBody(slot: number): void;
  /**
   * Advances the projectiles alone by one step, exactly as `step()` does after the bodies (the page, whose sim
   * steps only its own body with `stepBody`, calls it once per predicted step). Bodies and history do not change.
   */
  stepProjectiles(): void;
  /**
   * Sets tile (tx, ty) to `kind` (`TileKind.empty` removes it) with `hp` hit points (default: DEFAULT_TILE_HP of
   * the kind; kinds that are never hit, empty and floor, always have 0). Returns false, changing nothing, for a tile
   * outside the world. Throws a RangeError for non-integer coordinates, an unknown kind or an hp that is not a
   * positive integer. Bodies already overlapping the tile are not moved (the room refuses to build where
   * `isTileOccupied`).
   */
  setTile(tx: number, ty: number, kind: TileKind, hp?: number): boolean;
  /** The kind of tile (tx, ty): `TileKind.empty` for an empty tile or one outside the world. */
  tile(tx: number, ty: number): TileKind;
  /** The hit points of tile (tx, ty): 0 for an empty or floor tile or one outside the world. */
  tileHp(tx: number, ty: number): number;
  /** Empties every tile; bodies are untouched. */
  clearTiles(): void;
  /**
   * True if some active body overlaps tile (tx, ty) (a body only touching its face does not); with `margin` (m, ≥ 0,
   * default 0), if some body's box grown by that much on every side does. A RangeError for a negative or non-finite
   * margin.
   */
  isTileOccupied(tx: number, ty: number, margin?: number): boolean;
  x(slot: number): number;
  y(slot: number): number;
  vx(slot: number): number;
  vy(slot: number): number;

  // Combat state of a body. Setters are no-ops on an inactive slot; getters of an inactive slot read a fresh body.
  /** Arms a body: `weapon`, and full hp (`maxHp`, a positive integer), stamina and readiness; alive. */
  setCombat(slot: number, weapon: Weapon, maxHp: number): void;
  weapon(slot: number): Weapon;
  hp(slot: number): number;
  maxHp(slot: number): number;
  /** Sets hp (an integer, clamped to 0..maxHp); does not change whether the body is alive. */
  setHp(slot: number, hp: number): void;
  /** False for an inactive slot or a dead body. */
  isAlive(slot: number): boolean;
  /**
   * A dead body treats its inputs as 0 (it neither moves by them nor fires) and is not hit by projectiles. A hit
   * that brings hp to 0 kills (a `death` event); reviving is the host's call (`setAlive(slot, true)`, `setHp`).
   */
  setAlive(slot: number, alive: boolean): void;
  /** False for an inactive slot or a body that is not spawn-protected. */
  isSpawnProtected(slot: number): boolean;
  /**
   * Spawn protection: projectiles pass through a protected body and splash spares it (no `hit`), as for a dead one.
   * The host sets it for a few seconds after a spawn and clears it when the body fires; a spawn clears it. It shows
   * in `stateHash()` (one byte) only while set.
   */
  setSpawnProtected(slot: number, on: boolean): void;
  stamina(slot: number): number;
  /** Sets stamina, clamped to 0..MAX_STAMINA (NaN → 0); the page restores it with the position on a reconcile. */
  setStamina(slot: number, stamina: number): void;
  /** Body steps until the weapon can fire again (0: ready). */
  cooldown(slot: number): number;
  /** Sets the cooldown (an integer, clamped to ≥ 0). */
  setCooldown(slot: number, steps: number): void;
  /**
   * Lag compensation for the projectiles this body fires from now on: they test every OTHER body where it was
   * `steps` world steps ago (an integer, clamped to 0..MAX_REWIND_STEPS) rather than where it is.
   */
  setRewind(slot: number, steps: number): void;
  rewind(slot: number): number;
  /**
   * When false, a fire input still spends its cooldown and stamina but spawns no projectile (the page's replays of
   * inputs whose projectiles it already predicted). True by default.
   */
  setSpawnProjectiles(enabled: boolean): void;
  /** Seeds the sim's PRNG (crits; a u32). Same seed and same inputs: same fight, same hashes. */
  setSeed(seed: number): void;

  // Projectiles, in slots 0 .. PROJECTILE_CAPACITY-1. Reads of a slot not in flight give 0 (owner/weapon -1).
  /** One past the highest projectile slot in flight (0 when none): scan `0 .. projectileEnd-1`. */
  readonly projectileEnd: number;
  isProjectileActive(p: number): boolean;
  projectileX(p: number): number;
  projectileY(p: number): number;
  /** Velocity (m/s), on the 1/256 grid. */
  projectileVX(p: number): number;
  projectileVY(p: number): number;
  /** The body slot that fired it. */
  projectileOwner(p: number): number;
  projectileWeapon(p: number): Weapon;
  /**
   * The events since the last call, oldest first (see `SimEvent`); clears the buffer. At most EVENT_CAPACITY are
   * kept between two calls; the rest are counted in `droppedEvents`.
   */
  drainEvents(): SimEvent[];
  /** Events lost to a full buffer since the sim started. */
  readonly droppedEvents: number;

  /**
   * A 32-bit hash (unsigned) of the exact bits of the world, for determinism checks: FNV-1a over slot (u32) then x,
   * y, vx, vy (f64 bit patterns), little-endian, for each active slot in slot order (each followed by its combat
   * state unless that is a fresh body's), then the projectiles in flight, then the PRNG's state (once it left its
   * initial state), continued over the tiles as in `tilesHash()` (see sim-core/assembly/index.ts for the exact
   * bytes). A world that never used combat hashes as before; without tiles it is the bodies' hash alone.
   */
  stateHash(): number;
  /**
   * A 32-bit hash (unsigned) of the tiles alone: FNV-1a over tx, ty (i32 as u32) and kind (one byte) of each
   * non-empty tile, row by row (ty, then tx, ascending); a tile whose hp differs from its kind's default has kind |
   * 0x80 and then its hp (u32). Two hosts holding the same tiles agree on it.
   */
  tilesHash(): number;
}
