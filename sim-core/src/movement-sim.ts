/**
 * The one interface every host uses to drive the movement simulation.
 *
 * Two implementations stand behind it and must agree bit for bit:
 * - `WasmMovementSim` (the AssemblyScript build, sim.wasm) — what the room and the browser run;
 * - `ReferenceMovementSim` (plain TypeScript) — the readable specification and a fallback.
 *
 * Entities live in fixed slots `0 .. capacity-1`. An entity advances only in a step where it was given an
 * input (`setInput`): one input is exactly one fixed step for that entity, so a client that predicts one step per
 * input it sends replays the server's state exactly. `dt` never crosses this interface.
 *
 * Every stored position and velocity lies on the 1/256 wire grid (see `snapToGrid`), so a state read from here and
 * sent as int16 units is restored exactly by `setState`. Every method taking a slot throws a RangeError for a slot
 * that is not an integer in `0 .. capacity-1`.
 */
export interface MovementSim {
  /** Number of entity slots. */
  readonly capacity: number;
  /**
   * Places an entity in a slot (activating it, replacing any entity there, dropping any queued input). Positions
   * are clamped to the world, velocity components to ±MAX_SPEED, NaN becomes 0; all are snapped to the grid.
   */
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  /** Frees a slot: it drops out of `stateHash()`, its queued input is dropped and its state reads as 0. */
  despawn(slot: number): void;
  isActive(slot: number): boolean;
  /**
   * Overwrites an active entity's state (used to restore an authoritative snapshot), sanitised like `spawn`; a
   * queued input stays queued. No effect on an inactive slot.
   */
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  /**
   * Queues the input bits (see `InputBit`; other bits are ignored) this entity uses in the next `step()`. A later
   * call before that step replaces it. No effect on an inactive slot.
   */
  setInput(slot: number, bits: number): void;
  /** Advances every entity that has a queued input by one fixed step, then clears the queued inputs. */
  step(): void;
  x(slot: number): number;
  y(slot: number): number;
  vx(slot: number): number;
  vy(slot: number): number;
  /**
   * A 32-bit hash (unsigned) of the exact bits of every active entity's state, for determinism checks: FNV-1a over
   * slot (u32) then x, y, vx, vy (f64 bit patterns), little-endian, for each active slot in slot order.
   */
  stateHash(): number;
}
