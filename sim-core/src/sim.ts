import type { WorldBounds } from "./constants.ts";
import type { SimBodies } from "./sim-bodies.ts";
import type { SimCombat } from "./sim-combat.ts";
import type { SimPrng } from "./sim-prng.ts";
import type { SimProjectiles } from "./sim-projectiles.ts";
import type { SimTiles } from "./sim-tiles.ts";

/**
 * The one interface every host (the room, the page's predictor, tests, benches) uses to drive the simulation, split
 * by domain: `bodies` (slots, positions, inputs), `tiles` (the static world), `projectiles`, `combat` (each body's
 * weapon, hp, stamina, and the events of the fights) and `prng` (the seeded draws behind crits). One implementation
 * stands behind it: `WasmSim`, the AssemblyScript build (sim.wasm). Its determinism is proven by golden hashes every
 * host reproduces (sim-core/test/golden.ts), not by a second implementation.
 *
 * Bodies live in fixed slots `0 .. capacity-1`. A body advances only in a step where it was given an input
 * (`bodies.setInput`): one input is exactly one fixed step for that body, so a client that predicts one step per
 * input it sends replays the server's state exactly. `dt` never crosses this interface. Bodies are axis-aligned
 * squares of half-side BODY_RADIUS that stop at blocking tiles and slide along them (see
 * sim-core/assembly/collision.ts); bodies do not collide with each other. Tiles are 1 m squares: tile (tx, ty) covers
 * [tx, tx+1) × [ty, ty+1) m, inside the sim's world (`world`: the default 128 m square, tiles -64..63, until
 * `setWorld` makes it a room kind's, up to TILE_MIN..TILE_MAX). Projectiles are advanced by `step()` after the bodies, or
 * by `projectiles.step()` alone; never by `bodies.step(slot)`. Combat (sim-core/assembly/combat.ts, projectiles.ts,
 * weapons.ts): a body fires its weapon with the `fire` input bit along the input's aim; its cooldown and stamina
 * count per body step; projectiles fly straight for their weapon's range and hit the first blocking tile or other
 * alive body along their path; a body at 0 hp is dead. What happened is read with `combat.drainEvents()`.
 *
 * Every stored position and velocity lies on the 1/256 wire grid, so a state read from here and sent as int16
 * units is restored exactly by `bodies.setState`. Every method taking a slot throws a RangeError for a slot that is
 * not an integer in `0 .. capacity-1`.
 *
 * Reading many bodies (a snapshot channel, the creatures' perception): `bodies.view()` and `combat.view()` once per
 * pass, then index the arrays by slot — one call into the wasm per pass, not one per field of each body.
 */
export interface Sim {
  readonly bodies: SimBodies;
  readonly tiles: SimTiles;
  readonly projectiles: SimProjectiles;
  readonly combat: SimCombat;
  readonly prng: SimPrng;
  /** The world's tile bounds: bodies stay in [minTile, maxTile + 1] m, tiles outside cannot be set. */
  readonly world: WorldBounds;
  /**
   * Makes the world tiles minTile..maxTile on each axis (a room's kind decides it; the page takes it from the
   * welcome). A RangeError unless `isValidWorld` (integers inside TILE_MIN..TILE_MAX holding tile (0, 0)). Tiles
   * outside the new world are emptied and bodies outside it clamped into it; set it before anything else happens.
   */
  setWorld(world: WorldBounds): void;
  /**
   * The world step: first records every body's position in the lag-compensation history (where the last state
   * showed it, a catching-up body's `bodies.step` included), then advances every body that has a queued input by one
   * fixed step (a dead body's input counts as 0; the cooldown counts down, stamina regenerates, then it moves, then
   * it fires if it can), clears the queued inputs, and advances every projectile by one step.
   */
  step(): void;
  /**
   * A 32-bit hash (unsigned) of the exact bits of the world, for determinism checks: FNV-1a over slot (u32) then x,
   * y, vx, vy (f64 bit patterns), little-endian, for each active slot in slot order (each followed by its combat
   * state unless that is a fresh body's), then the projectiles in flight, then the PRNG's state (once it left its
   * initial state), continued over the tiles as in `tiles.hash()` (see sim-core/assembly/api/world.ts for the exact
   * bytes). A world that never used combat hashes as before; without tiles it is the bodies' hash alone.
   */
  stateHash(): number;
}
