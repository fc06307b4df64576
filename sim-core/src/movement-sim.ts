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
 */
export interface MovementSim {
  /** Number of entity slots. */
  readonly capacity: number;
  /** Places an entity in a slot (activating it). Position and velocity are snapped to the sim's grid. */
  spawn(slot: number, x: number, y: number, vx: number, vy: number): void;
  /** Frees a slot. */
  despawn(slot: number): void;
  isActive(slot: number): boolean;
  /** Overwrites an active entity's state (used to restore an authoritative snapshot). */
  setState(slot: number, x: number, y: number, vx: number, vy: number): void;
  /** Queues the input bits (see `InputBit`) this entity uses in the next `step()`. */
  setInput(slot: number, bits: number): void;
  /** Advances every entity that has a queued input by one fixed step, then clears the queued inputs. */
  step(): void;
  x(slot: number): number;
  y(slot: number): number;
  vx(slot: number): number;
  vy(slot: number): number;
  /** A 32-bit hash of the exact bits of every active entity's state, for determinism checks. */
  stateHash(): number;
}
