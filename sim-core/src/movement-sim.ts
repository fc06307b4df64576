import type { TileKind } from "./constants.ts";

/**
 * The one interface every host (the room, the page's predictor, tests, benches) uses to drive the simulation.
 * One implementation stands behind it: `WasmMovementSim`, the AssemblyScript build (sim.wasm). Its determinism is
 * proven by golden hashes every host reproduces (sim-core/test/golden.ts), not by a second implementation.
 *
 * The world holds bodies and static tiles (projectiles come later, advanced only by `step()`).
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
   */
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  /** Frees a slot: it drops out of `stateHash()`, its queued input is dropped and its state reads as 0. */
  despawn(slot: number): void;
  isActive(slot: number): boolean;
  /**
   * Overwrites an active body's state (used to restore an authoritative snapshot), sanitised like `spawn`; a
   * queued input stays queued. No effect on an inactive slot.
   */
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Queues the input bits (see `InputBit`; other bits are ignored) this body uses in its next step. A later call
   * before that step replaces it. No effect on an inactive slot.
   */
  setInput(slot: number, bits: number): void;
  /** The world step: advances every body that has a queued input by one fixed step, then clears the queued inputs. */
  step(): void;
  /**
   * One body's own step (a catching-up body's extra one): if this body has a queued input, advances it alone by one
   * fixed step and clears its input; no other body and nothing autonomous moves. No effect without a queued input.
   */
  stepBody(slot: number): void;
  /**
   * Sets tile (tx, ty) to `kind` (`TileKind.empty` removes it). Returns false, changing nothing, for a tile outside
   * the world. Throws a RangeError for non-integer coordinates or an unknown kind. Bodies already overlapping the
   * tile are not moved (the room refuses to build where `isTileOccupied`).
   */
  setTile(tx: number, ty: number, kind: TileKind): boolean;
  /** The kind of tile (tx, ty): `TileKind.empty` for an empty tile or one outside the world. */
  tile(tx: number, ty: number): TileKind;
  /** Empties every tile; bodies are untouched. */
  clearTiles(): void;
  /** True if some active body overlaps tile (tx, ty) (a body only touching its face does not). */
  isTileOccupied(tx: number, ty: number): boolean;
  x(slot: number): number;
  y(slot: number): number;
  vx(slot: number): number;
  vy(slot: number): number;
  /**
   * A 32-bit hash (unsigned) of the exact bits of the world, for determinism checks: FNV-1a over slot (u32) then x,
   * y, vx, vy (f64 bit patterns), little-endian, for each active slot in slot order, continued over the tiles as in
   * `tilesHash()`. Without tiles it is the bodies' hash alone.
   */
  stateHash(): number;
  /**
   * A 32-bit hash (unsigned) of the static world alone: FNV-1a over tx, ty (i32 as u32) and kind (one byte) of each
   * non-empty tile, row by row (ty, then tx, ascending). Two hosts holding the same tiles agree on it.
   */
  tilesHash(): number;
}
